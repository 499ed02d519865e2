package org.ecogov.specs;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Adding a service is data: one more entry in the service list (and its spec) gives the gateway's route table,
 * its combined document and, through the routes, its health check that service, with no other change. Run here
 * the way the build runs it, on a list and specs written for the case.
 */
class ServiceListTest {

    @TempDir
    Path dir;

    @Test
    void oneMoreListedServiceIsBundledCombinedAndRouted() throws IOException {
        spec("gateway", "/api/v1/api-keys", "listApiKeys", "/api/v1/things/{id}/profile", "getThingProfile");
        spec("things", "/api/v1/things", "listThings", "/api/v1/things/{id}", "getThing");
        spec("emissions", "/api/v1/emission-reports", "listReports", "/api/v1/emission-reports/{reportId}", "getReport");
        Path list = dir.resolve("services.yaml");
        Files.writeString(list, """
                services:
                  - {name: things, module: services/things, port: 8081, database: things, read-scope: 'things:read'}
                """);
        Properties before = build(list);
        Files.writeString(list, """
                services:
                  - {name: things, module: services/things, port: 8081, database: things, read-scope: 'things:read'}
                  - {name: emissions, module: services/emissions, port: 8082, database: emissions, read-scope: 'emissions:read', write-scope: 'emissions:write'}
                """);

        Properties after = build(list);

        assertThat(before.stringPropertyNames()).noneMatch(key -> key.contains("emissions"));
        // the route table: every path of its spec, as the spec writes it, to the new service at its local port
        assertThat(after.getProperty("ecogov.gateway.services.emissions.paths"))
                .isEqualTo("/api/v1/emission-reports,/api/v1/emission-reports/{reportId}");
        assertThat(after.getProperty("ecogov.gateway.services.emissions.url")).isEqualTo("http://127.0.0.1:8082");
        assertThat(after.getProperty("ecogov.gateway.services.emissions.read-scope")).isEqualTo("emissions:read");
        assertThat(after.getProperty("ecogov.gateway.services.emissions.write-scope")).isEqualTo("emissions:write");
        // the others as they were
        assertThat(after.getProperty("ecogov.gateway.services.things.paths")).isEqualTo("/api/v1/things,/api/v1/things/{id}");
        assertThat(after.getProperty("ecogov.gateway.services.things.write-scope")).isNull();
        assertThat(after.getProperty("ecogov.gateway.own-paths")).isEqualTo("/api/v1/api-keys,/api/v1/things/{id}/profile");
        // the combined document: its operations, under the gateway's info that names its spec
        OpenAPI combined = Combiner.read(dir.resolve("out/combined/META-INF/openapi.yaml"));
        assertThat(combined.getPaths()).containsKeys("/api/v1/emission-reports", "/api/v1/emission-reports/{reportId}",
                "/api/v1/things", "/api/v1/api-keys");
        assertThat(combined.getInfo().getDescription()).contains("`emissions.yaml`");
        assertThat(dir.resolve("out/emissions/META-INF/openapi.yaml")).as("its own bundle, which it serves").isRegularFile();
    }

    @Test
    void eachOperationTellsTheGatewayWhichKeysMayCallItAndWhetherAnyoneMay() throws IOException {
        Files.writeString(dir.resolve("things.yaml"), """
                openapi: 3.0.3
                info: {title: things, version: 1.0.0}
                security:
                  - bearer: []
                paths:
                  /api/v1/things:
                    get:
                      operationId: listThings
                      x-ecogov-third-party-scopes: [things:read, disclosure:read]
                      security: [{bearer: []}, {apiKey: []}]
                      responses: {'200': {description: OK}}
                    post:
                      operationId: fileThing
                      security: [{bearer: []}, {}]
                      responses: {'201': {description: Created}}
                  /open311/v2/requests/{id}.json:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: string, maxLength: 10}}
                    get:
                      operationId: getRequest
                      responses: {'200': {description: OK}}
                    post:
                      operationId: postRequest
                      x-ecogov-third-party-scopes: [things:write]
                      x-ecogov-api-key-field: api_key
                      responses: {'200': {description: OK}}
                """);
        spec("gateway", "/api/v1/api-keys", "listApiKeys", "/api/v1/api-keys/{keyId}", "getApiKey");
        Properties routes = new Properties();
        routes.load(new StringReader(GatewayRoutes.properties(dir, List.of(new ServiceList.Service("things", 8081,
                java.util.Optional.empty(), java.util.Optional.empty())), "gateway")));
        String prefix = "ecogov.gateway.services.things.operations.";

        assertThat(routes.getProperty(prefix + "listThings.route")).isEqualTo("GET /api/v1/things");
        assertThat(routes.getProperty(prefix + "listThings.key-scopes")).isEqualTo("things:read,disclosure:read");
        assertThat(routes.getProperty(prefix + "listThings.anonymous")).as("security without {}").isNull();
        assertThat(routes.getProperty(prefix + "fileThing.anonymous")).isEqualTo("true");
        assertThat(routes.getProperty(prefix + "fileThing.key-scopes")).as("keys may not").isNull();
        assertThat(routes.getProperty(prefix + "getRequest.route")).isEqualTo("GET /open311/v2/requests/{id}.json");
        assertThat(routes.getProperty(prefix + "getRequest.anonymous")).as("the global security holds no {}").isNull();
        assertThat(routes.getProperty(prefix + "postRequest.api-key-field")).isEqualTo("api_key");
        assertThat(routes.getProperty(prefix + "postRequest.key-scopes")).isEqualTo("things:write");
    }

    @Test
    void aPathInTwoSpecsCannotBeRoutedAndFailsNamingBoth() throws IOException {
        spec("gateway", "/api/v1/api-keys", "listApiKeys", "/api/v1/things/{thing}", "getThingFromGateway");
        spec("things", "/api/v1/things", "listThings", "/api/v1/things/{id}", "getThing");
        List<ServiceList.Service> services = List.of(new ServiceList.Service("things", 8081,
                java.util.Optional.empty(), java.util.Optional.empty()));

        assertThatThrownBy(() -> GatewayRoutes.properties(dir, services, "gateway"))
                .hasMessageContaining("/api/v1/things/{id} is in both gateway.yaml and things.yaml");
    }

    @Test
    void aListedServiceNeedsAPortAndAName() throws IOException {
        Path list = dir.resolve("services.yaml");
        Files.writeString(list, "services:\n  - {name: things, module: services/things, database: things}\n");
        assertThatThrownBy(() -> ServiceList.read(list)).hasMessageContaining("service 'things' needs a port");
        Files.writeString(list, "services:\n  - {name: combined, port: 8081}\n");
        assertThatThrownBy(() -> ServiceList.read(list)).hasMessageContaining("'combined' is where the combined document goes");
    }

    /** Bundles, combines and routes as the build does, into out/ and routes/; the route configuration. */
    private Properties build(Path list) throws IOException {
        Bundler.main(new String[] {dir.toString(), dir.resolve("out").toString(), list.toString(), "gateway"});
        Combiner.main(new String[] {dir.resolve("out").toString(), dir.resolve("out/combined").toString(), "gateway",
                list.toString(), "gateway"});
        GatewayRoutes.main(new String[] {dir.toString(), list.toString(), "gateway", dir.resolve("routes").toString()});
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(dir.resolve("routes").resolve(GatewayRoutes.FILE))));
        return properties;
    }

    /** A spec with two GET operations. */
    private void spec(String name, String firstPath, String firstId, String secondPath, String secondId) throws IOException {
        Files.writeString(dir.resolve(name + ".yaml"), """
                openapi: 3.0.3
                info: {title: %s, version: 1.0.0}
                paths:
                  %s:
                    get:
                      operationId: %s
                      responses:
                        '200': {description: OK}
                  %s:
                    get:
                      operationId: %s
                      parameters:
                        - {name: %s, in: path, required: true, schema: {type: string, maxLength: 10}}
                      responses:
                        '200': {description: OK}
                %s""".formatted(name, firstPath, firstId, secondPath, secondId,
                secondPath.replaceAll(".*\\{([^}]+)}.*", "$1"),
                name.equals("gateway") ? "components:\n" + GatewayAnswers.COMPONENTS : ""));
    }
}
