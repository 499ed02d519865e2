package org.ecogov.enforcement.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import org.ecogov.enforcement.Database;
import org.ecogov.runtime.security.Scopes;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Third parties (an API key at the gateway, reaching the service as the gateway's token with the key's scopes) reach
 * only the disclosure of issued decisions, with enforcement:read or disclosure:read, as the spec's
 * {@code x-ecogov-third-party-scopes} says; a key holding every scope a key can be granted is refused on every other
 * operation with 403 insufficient-scope naming a scope no key can have.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ThirdPartyAccessTest {

    private static final String EVERY_SCOPE = TestTokens.thirdParty("GREENWATCH",
            Scopes.GRANTABLE.toArray(String[]::new));

    private static final String DISCLOSURE = "GET /api/v1/disclosed-decisions";
    private static final String PUBLISHED_DRAW = "GET /api/v1/published-draws/{planId}";
    private static final String PUBLISHED_DRAWS = "GET /api/v1/published-draws";

    @Test
    void theSpecOpensOnlyTheDisclosureToKeys() {
        OpenAPI spec = Contracts.spec("enforcement.yaml");
        List<String> declared = new ArrayList<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getExtensions() != null && operation.getExtensions().containsKey("x-ecogov-third-party-scopes")) {
                declared.add(method + " " + path + " " + operation.getExtensions().get("x-ecogov-third-party-scopes"));
            }
        }));
        // the gateway lets a key through an operation with any one of the scopes the contract names for it
        assertThat(declared).containsExactly(DISCLOSURE + " [enforcement:read, disclosure:read]",
                PUBLISHED_DRAWS + " [enforcement:read, disclosure:read]", PUBLISHED_DRAW + " [enforcement:read, disclosure:read]");
        // the service itself also honours disclosure:read, for the gateway's enterprise profile
        for (String scope : List.of("enforcement:read", "disclosure:read")) {
            given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", scope)).get("/api/v1/disclosed-decisions").then()
                    .statusCode(200);
            // the published draws too (their list; a plan that does not exist: past the access check, 404)
            given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", scope)).get("/api/v1/published-draws").then()
                    .statusCode(200);
            given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", scope))
                    .get("/api/v1/published-draws/6c3f5e2b-9d84-4a6b-8e0d-3f4a5b6c7d8e").then().statusCode(404)
                    .body("type", org.hamcrest.Matchers.is("/problems/plan-not-found"));
        }
    }

    @Test
    void aKeyWithEveryGrantableScopeIsRefusedEverywhereNamingTheScopeAndWritesNothing() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        String caseId = openCase(uscc);
        String decision = warning(caseId);
        Map<String, Long> before = Database.rowCounts();
        OpenAPI spec = Contracts.spec("enforcement.yaml");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : spec.getPaths().entrySet()) {
            String url = path.getKey().replace("{inspectionId}", inspection).replace("{caseId}", caseId)
                    .replace("{decisionId}", decision).replace("{chain}", "gateway")
                    .replace("{planId}", "6c3f5e2b-9d84-4a6b-8e0d-3f4a5b6c7d8e")
                    .replace("{evidenceId}", "7d4a6f3c-0e95-4b7c-9f1e-4a5b6c7d8e9f");
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                String name = operation.getKey() + " " + path.getKey();
                if (name.equals(DISCLOSURE) || name.equals(PUBLISHED_DRAW) || name.equals(PUBLISHED_DRAWS)) {
                    continue;
                }
                // a body of the operation's first media type (the evidence upload takes a file, not JSON)
                String media = operation.getValue().getRequestBody() == null ? "application/json"
                        : operation.getValue().getRequestBody().getContent().keySet().iterator().next();
                Response answer = given().auth().oauth2(EVERY_SCOPE).contentType(media)
                        .header("If-Match", "\"1\"").body((operation.getKey() == PathItem.HttpMethod.GET ? "" : "{}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .request(operation.getKey().name(), url);
                String type = answer.contentType().startsWith("application/problem+json") ? answer.path("type") : null;
                String detail = type == null ? "" : answer.path("detail");
                if (answer.statusCode() != 403 || !"/problems/insufficient-scope".equals(type)
                        || !detail.contains("which no API key can be granted")) {
                    wrong.add(operation.getKey() + " " + url + " -> " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(Database.rowCounts()).isEqualTo(before);
    }
}
