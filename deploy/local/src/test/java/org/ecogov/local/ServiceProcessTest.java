package org.ecogov.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ServiceProcess against a stand-in fast-jar whose main class is {@link FakeQuarkusApp}. */
class ServiceProcessTest {

    private static Path jar;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void buildFakeFastJar() throws IOException {
        Path classes = Path.of(FakeQuarkusApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        jar = TestPaths.target().resolve("fake-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusApp.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar: the classes come from its Class-Path
        }
    }

    @Test
    void startsWaitsUntilReadyAndPassesSystemProperties() throws Exception {
        try (ServiceProcess service = ServiceProcess.builder("fake", jar)
                .systemProperties(Map.of("ecogov.greeting", "hello", "fake.startup-delay-ms", "700"))
                .logFile(TestPaths.target().resolve("fake-service/started.log"))
                .startupTimeout(Duration.ofSeconds(30))
                .start()) {
            assertThat(service.isAlive()).isTrue();
            assertThat(get(service.baseUrl().resolve("/q/health/ready"))).isEqualTo("{\"status\":\"UP\"}");
            assertThat(get(service.baseUrl().resolve("/echo?ecogov.greeting"))).isEqualTo("hello");
            assertThat(get(service.baseUrl().resolve("/echo?quarkus.http.port"))).isEqualTo(Integer.toString(service.port()));
        }
    }

    @Test
    void stopEndsTheServiceGracefully() throws Exception {
        Path log = TestPaths.target().resolve("fake-service/graceful.log");
        ServiceProcess service = ServiceProcess.start("fake", jar, 0, Map.of(), log, Duration.ofSeconds(30));

        service.stop();

        assertThat(service.isAlive()).isFalse();
        assertThat(Files.readString(log)).contains("fake app stopping");
    }

    @Test
    void aServiceThatIgnoresSigtermIsKilledAfterTheStopTimeout() {
        ServiceProcess service = ServiceProcess.builder("fake", jar)
                .systemProperty("fake.hang-on-stop", "true")
                .logFile(TestPaths.target().resolve("fake-service/hang.log"))
                .stopTimeout(Duration.ofSeconds(1))
                .start();
        long started = System.nanoTime();

        service.stop();

        assertThat(service.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aServiceThatDiesAtStartIsReportedWithItsLog() {
        assertThatThrownBy(() -> ServiceProcess.builder("fake", jar)
                .systemProperty("fake.fail", "boom: cannot reach the datasource")
                .logFile(TestPaths.target().resolve("fake-service/failed.log"))
                .start())
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("fake exited with code 1")
                .hasMessageContaining("boom: cannot reach the datasource");
    }

    @Test
    void aMissingJarIsReportedWithTheBuildCommand() {
        assertThatThrownBy(() -> ServiceProcess.builder("registry", Path.of("/nonexistent/quarkus-run.jar")).start())
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("/nonexistent/quarkus-run.jar")
                .hasMessageContaining("mvnw");
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
