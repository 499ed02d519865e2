package org.ecogov.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One credential per request, everywhere: a platform-admin's token and a valid API key sent together are refused
 * with 401 on every operation of the gateway's own contract (api-specs/gateway.yaml, read here, so an operation
 * added there is tried too) as on the routed ones, before anything is read or written.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class OneCredentialTest {

    @Test
    void aTokenAndAKeyTogetherAreRefusedOnEveryOperationOfTheGatewayItself() {
        String keyId = Keys.issue("BOTH", "registry:read", "disclosure:read").getString("apiKey.id");
        String key = Keys.issue("BOTH", "registry:read", "disclosure:read").getString("key");
        List<String> tried = new ArrayList<>();
        Contracts.spec("gateway.yaml").getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String path = template.replace("{keyId}", keyId).replace("{uscc}", "91341702669392367N").replace("{chain}", "registry");
            assertThat(path).as("a sample value for every path parameter").doesNotContain("{");
            Response answer = given().auth().oauth2(TestTokens.platformAdmin()).header("X-API-Key", key)
                    .contentType("application/json").body("{}").request(method.name(), path);
            assertThat(answer.statusCode()).as(method + " " + template + " " + answer.asString()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("type")).isEqualTo("/problems/unauthenticated");
            assertThat(answer.jsonPath().getString("detail")).contains("not both");
            tried.add(operation.getOperationId());
        }));
        assertThat(tried).contains("listApiKeys", "createApiKey", "getApiKey", "revokeApiKey", "rotateApiKey",
                "getApiKeyUsage", "getEnterpriseProfile", "verifyAuditChain", "listAuditCheckpoints", "getAuditCheckpointHead");
    }

    @Test
    void aTokenAndAKeyTogetherAreRefusedOnRoutedCallsToo() {
        String key = Keys.issue("BOTH", "registry:read").getString("key");
        given().auth().oauth2(TestTokens.platformAdmin()).header("X-API-Key", key).get("/api/v1/enterprises")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
