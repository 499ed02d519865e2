package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real AMQP 1.0 broker for a service's tests: Apache ActiveMQ Artemis, embedded in the test's JVM (~0.3 s), on a
 * free port, with a persistent journal under the module's {@code target/embedded-artemis}, so that what it holds
 * survives {@link #stopBroker()} and {@link #startBroker()} as it would a broker restart.
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(ArtemisTestResource.class)
 * class RelayTest {
 *     ArtemisTestResource.stopBroker();   // the broker goes away; the port stays the same
 *     ArtemisTestResource.startBroker();
 * }
 * }</pre>
 * It sets {@code amqp-host} and {@code amqp-port}, which every {@code smallrye-amqp} channel uses. Addresses are
 * created on first use and are multicast (every queue on an address gets every message), as for the platform's
 * event address; a consumer attaches to its own queue on it, {@code <address>::<queue>}.
 */
public class ArtemisTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * Where a test finds the broker's switch: a platform MBean, which every class loader sees. Quarkus may load this
     * class once to start the resource and again, in another class loader, for the test that flips it, so a static
     * field would not do.
     */
    private static final String SWITCH_NAME = "org.ecogov.testing:type=EmbeddedBrokerSwitch";

    /** The switch, as a standard MBean. */
    public interface BrokerSwitchMBean {
        void stopBroker();

        void startBroker();
    }

    private final class BrokerSwitch implements BrokerSwitchMBean {
        @Override
        public void stopBroker() {
            running(false);
        }

        @Override
        public void startBroker() {
            running(true);
        }
    }

    private EmbeddedActiveMQ broker;
    private Configuration configuration;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        Path directory = PostgresTestResource.targetDirectory().resolve("embedded-artemis").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configuration = configuration(port, directory);
        running(true);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(SWITCH_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(new BrokerSwitch(), BrokerSwitchMBean.class), name);
        } catch (JMException e) {
            throw new IllegalStateException("could not register the broker switch", e);
        }
        return Map.of("amqp-host", "127.0.0.1", "amqp-port", Integer.toString(port));
    }

    /** The broker configuration the platform relies on: AMQP only, no security, multicast addresses made on use. */
    static Configuration configuration(int port, Path directory) {
        Configuration configuration = new ConfigurationImpl()
                .setName("ecogov-test-broker")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(directory.resolve("journal").toString())
                .setBindingsDirectory(directory.resolve("bindings").toString())
                .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                .setPagingDirectory(directory.resolve("paging").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false);
        try {
            configuration.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        configuration.addAddressSetting("#", new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                .setDefaultQueueRoutingType(RoutingType.MULTICAST)
                // a durable consumer queue stays while its consumer is away (killed, restarting)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false));
        return configuration;
    }

    private synchronized void running(boolean up) {
        try {
            if (up && broker == null) {
                broker = new EmbeddedActiveMQ().setConfiguration(configuration);
                broker.start();
            } else if (!up && broker != null) {
                broker.stop();
                broker = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not " + (up ? "start" : "stop") + " the embedded broker", e);
        }
    }

    @Override
    public void stop() {
        running(false);
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(SWITCH_NAME));
        } catch (JMException e) {
            // already gone
        }
    }

    /** Stops the running broker (as a crash would, for its clients); what it held stays in its journal. */
    public static void stopBroker() {
        flip("stopBroker");
    }

    /** Starts it again on the same port, with what its journal holds. */
    public static void startBroker() {
        flip("startBroker");
    }

    private static void flip(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(SWITCH_NAME), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("no ArtemisTestResource is running in this JVM", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the broker", e);
        }
    }
}
