package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The gateway knows the services from the service list (services.yaml) and their paths from their specs, as the
 * build derived them: every listed service is routed every path of its spec, and the health shows it; the
 * gateway's own spec's paths stay the gateway's. Written against the list, so a new entry is checked the same way.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class ServiceListRoutingTest {

    @Inject
    Routes routes;

    @Test
    void everyPathOfEveryListedServicesSpecIsRoutedToIt() throws IOException {
        List<String> listed = listedServices();
        assertThat(listed).contains("registry");
        for (String service : listed) {
            assertThat(routes.upstream(service).name()).isEqualTo(service);
            Contracts.spec(service + ".yaml").getPaths().keySet().forEach(template -> {
                String path = template.replaceAll("\\{[^}]+}", "sample");
                RouteTable.Route route = routes.table().match(path).orElseThrow(() -> new AssertionError(path + " has no route"));
                assertThat(route.owner()).as(path).isEqualTo(service);
                assertThat(route.pattern()).as("the route is named by the spec's template").hasToString(template);
            });
        }
        Contracts.spec("gateway.yaml").getPaths().keySet().forEach(template -> assertThat(
                routes.table().match(template.replaceAll("\\{[^}]+}", "sample")).orElseThrow().isGateway())
                .as(template).isTrue());
    }

    @Test
    void theHealthHasACheckForEveryListedService() throws IOException {
        JsonPath health = given().get("/q/health").then().extract().jsonPath();
        List<String> checks = health.getList("checks.name");
        for (String service : listedServices()) {
            assertThat(checks).contains("service " + service);
        }
    }

    private static List<String> listedServices() throws IOException {
        JsonNode list = new ObjectMapper(new YAMLFactory()).readTree(Contracts.root().resolve("services.yaml").toFile());
        List<String> names = new ArrayList<>();
        list.path("services").forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }
}
