package org.ecogov.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The message broker of the local run and the system tests: Apache ActiveMQ Artemis, embedded in this JVM, speaking
 * AMQP 1.0 on 127.0.0.1 only, with its journal on disk (what it holds survives a stop and start). Addresses are
 * made on first use and are multicast, as the platform's event address {@code ecogov.events} needs: every service
 * that consumes reads its own durable queue on it ({@code ecogov.events::<service>}). No security: it listens on
 * the loopback interface of a developer's machine. Production brokers: deploy/messaging.md.
 */
public final class EmbeddedBroker {

    private final int port;
    private final Path directory;
    private EmbeddedActiveMQ server;
    private Duration startupTime = Duration.ZERO;

    private EmbeddedBroker(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /** Starts a broker on the port (0: a free one) with its journal in the directory. */
    public static EmbeddedBroker start(int port, Path directory) {
        EmbeddedBroker broker = new EmbeddedBroker(port == 0 ? ProcessSupport.freePort() : port, directory);
        broker.start();
        return broker;
    }

    /** Starts it (again, after {@link #stop()}) on the same port with what its journal holds. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long begun = System.nanoTime();
        Configuration configuration = new ConfigurationImpl()
                .setName("ecogov-local-broker")
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
            configuration.addAddressSetting("#", new AddressSettings()
                    .setAutoCreateAddresses(true)
                    .setAutoCreateQueues(true)
                    .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                    .setDefaultQueueRoutingType(RoutingType.MULTICAST)
                    // a consumer's queue stays, and fills, while the consumer is away
                    .setAutoDeleteQueues(false)
                    .setAutoDeleteAddresses(false));
            server = new EmbeddedActiveMQ().setConfiguration(configuration);
            server.start();
        } catch (Exception e) {
            server = null;
            throw new ServerStartException("the embedded broker did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - begun);
    }

    /** Stops it, as a crash would for its clients; idempotent. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    /**
     * Makes a durable queue on a multicast address now, unless it is there, instead of when its consumer first
     * attaches: what is published to the address meanwhile waits in it. The audit witnesses' queues are made so
     * before any party starts, so a witness keeps the checkpoints of the first writes too.
     */
    public synchronized void ensureQueue(String address, String queue) {
        try {
            server.getActiveMQServer().createQueue(QueueConfiguration.of(queue).setAddress(address)
                    .setRoutingType(RoutingType.MULTICAST).setDurable(true).setAutoCreateAddress(true), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the queue " + address + "::" + queue, e);
        }
    }

    public int port() {
        return port;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** What a service is told to find the broker: the smallrye-amqp connector's host and port. */
    public Map<String, String> clientConfig() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("amqp-host", "127.0.0.1");
        properties.put("amqp-port", Integer.toString(port));
        return properties;
    }
}
