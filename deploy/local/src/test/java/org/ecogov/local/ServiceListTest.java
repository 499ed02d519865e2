package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service list (services.yaml) and what each entry demands of the repository: a module the reactor builds
 * before the local run, a spec by the naming convention, a port and a database of its own.
 */
class ServiceListTest {

    private static final Path ROOT = LocalConfig.load().repositoryRoot();

    @TempDir
    Path dir;

    @Test
    void everyListedServiceHasItsModuleItsSpecAndIsBuiltBeforeTheLocalRun() throws IOException {
        List<ServiceList.Service> list = ServiceList.read(ROOT);
        assertThat(list).extracting(ServiceList.Service::name).contains("registry");

        String parentPom = Files.readString(ROOT.resolve("pom.xml"));
        String localPom = Files.readString(ROOT.resolve("deploy/local/pom.xml"));
        for (ServiceList.Service service : list) {
            Path module = ROOT.resolve(service.module());
            assertThat(module.resolve("pom.xml")).as(service.name() + "'s module").isRegularFile();
            assertThat(parentPom).as("the parent pom's modules").contains("<module>" + service.module() + "</module>");
            assertThat(ROOT.resolve("api-specs").resolve(service.name() + ".yaml")).as(service.name() + "'s spec")
                    .isRegularFile();
            String artifactId = artifactId(Files.readString(module.resolve("pom.xml")));
            assertThat(localPom).as("deploy/local/pom.xml must depend on " + artifactId
                    + " (scope provided) so that the reactor builds its fast-jar first")
                    .contains("<artifactId>" + artifactId + "</artifactId>");
        }
        assertThat(LocalStack.databases(list, "gateway")).doesNotHaveDuplicates().endsWith("gateway");
    }

    @Test
    void anEntryWithoutPortOrDatabaseOrWithARepeatedNameIsRefusedNamingIt() throws IOException {
        Path list = dir.resolve("services.yaml");
        Files.writeString(list, """
                services:
                  - {name: registry, module: services/registry, port: 8081, database: registry}
                  - {name: emissions, module: services/emissions, port: 8082}
                """);
        assertThatThrownBy(() -> ServiceList.parse(list)).hasMessageContaining("emissions needs a module, a port and a database");

        Files.writeString(list, """
                services:
                  - {name: registry, module: services/registry, port: 8081, database: registry}
                  - {name: registry, module: services/other, port: 8082, database: other}
                """);
        assertThatThrownBy(() -> ServiceList.parse(list)).hasMessageContaining("registry repeats a name or a port");

        Files.writeString(list, "services:\n  - {name: Bad Name, module: x, port: 1, database: x}\n");
        assertThatThrownBy(() -> ServiceList.parse(list)).hasMessageContaining("'Bad Name' is not a service name");
    }

    @Test
    void oneMoreEntryIsOneMoreServiceWithItsJarAndDatabase() throws IOException {
        Path list = dir.resolve("services.yaml");
        Files.writeString(list, """
                services:
                  - {name: registry, module: services/registry, port: 8081, database: registry, read-scope: registry:read}
                  - {name: emissions, module: services/emissions, port: 8082, database: emissions}
                """);

        List<ServiceList.Service> services = ServiceList.parse(list);

        assertThat(services).extracting(ServiceList.Service::name).containsExactly("registry", "emissions");
        assertThat(services.get(1).app(dir)).isEqualTo(dir.resolve("services/emissions/target/quarkus-app/quarkus-run.jar"));
        assertThat(LocalStack.databases(services, "gateway")).containsExactly("registry", "emissions", "gateway");
    }

    private static String artifactId(String pom) {
        // the module's own artifactId: the first one after its parent block
        Matcher matcher = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        assertThat(matcher.find()).as("artifactId after the parent block").isTrue();
        return matcher.group(1);
    }
}
