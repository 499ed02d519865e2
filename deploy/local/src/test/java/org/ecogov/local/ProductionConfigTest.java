package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What a server of this repository assumes when nothing is configured is safe to deploy (deploy/production.md): no
 * credential outside the local profile, which only the local run names, and the loopback as the address it listens
 * on and on which it trusts the forwarding headers of a proxy.
 */
class ProductionConfigTest {

    private static final Path ROOT = LocalConfig.load().repositoryRoot();
    /** A key that holds a credential. */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|secret|username|private-key|signing-key)$");

    @Test
    void noServerHasACredentialOutsideTheLocalOrTestProfile() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : serverConfigFiles()) {
            Properties properties = load(file);
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key).strip();
                boolean localOnly = key.startsWith("%local.") || key.startsWith("%test.") || key.startsWith("%local,test.");
                // a reference to a setting a deployment provides (${ecogov.service.client-secret:}) is not a value
                boolean provided = value.isEmpty() || value.matches("\\$\\{[^}]+}");
                if (CREDENTIAL.matcher(key).matches() && !localOnly && !provided) {
                    found.add(ROOT.relativize(file) + ": " + key);
                }
            }
        }
        assertThat(found).as("credentials a deployment would inherit").isEmpty();
        assertThat(load(runtimeConfig())).containsEntry("%local.quarkus.datasource.username", "postgres")
                .containsEntry("%local.quarkus.config.profile.parent", "prod");
    }

    @Test
    void aServerListensOnTheLoopbackAndTrustsOnlyItsProxyThereUnlessADeploymentSaysOtherwise() throws IOException {
        Properties runtime = load(runtimeConfig());

        assertThat(runtime).containsEntry("quarkus.http.host", "127.0.0.1")
                .containsEntry("quarkus.management.host", "127.0.0.1")
                .containsEntry("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        assertThat(load(ROOT.resolve("gateway/src/main/resources/application.properties")))
                .as("the gateway's clients are not proxies").containsEntry("quarkus.http.proxy.proxy-address-forwarding", "false")
                .doesNotContainKey("quarkus.http.host");
    }

    private static Path runtimeConfig() {
        return ROOT.resolve("services/runtime/src/main/resources/META-INF/microprofile-config.properties");
    }

    /** The configuration every server is built with: the runtime's, and each module's application.properties. */
    private static List<Path> serverConfigFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(runtimeConfig()));
        for (String module : List.of("services", "gateway", "deploy/event-probe")) {
            try (Stream<Path> found = Files.walk(ROOT.resolve(module))) {
                found.filter(path -> path.toString().endsWith("src/main/resources/application.properties"))
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return files;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }
}
