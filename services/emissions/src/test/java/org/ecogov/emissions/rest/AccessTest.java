package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;

/**
 * Every operation of api-specs/emissions.yaml against every kind of caller: who is let through, who is refused and
 * how (401 without a token, 403 forbidden for a role the rule does not name, 403 insufficient-scope for an API key),
 * and that identity is never taken from a plain header.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class AccessTest {

    private static final String REPORTER = TestTokens.reporter("91341702669392367N");
    private static final String KEY = TestTokens.thirdParty("GREENWATCH", "emissions:read", "emissions:write",
            "disclosure:read", "registry:read");

    /** Every operation, with a request a platform-admin may make; the admin-only ones of this slice. */
    private static Map<String, Function<RequestSpecification, Response>> adminOnly() {
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>();
        ops.put("reloadLimits", r -> r.post("/api/v1/emissions/limit-reloads"));
        ops.put("listEmissionsAuditEntries", r -> r.get("/api/v1/emissions/audit-entries"));
        ops.put("verifyAuditChain", r -> r.get("/api/v1/emissions/audit-entries/verification"));
        ops.put("listAuditCheckpoints", r -> r.get("/api/v1/emissions/audit-checkpoints/gateway"));
        ops.put("getAuditCheckpointHead", r -> r.get("/api/v1/emissions/audit-checkpoints/gateway/head"));
        String letter = "/api/v1/emissions/dead-letters/" + java.util.UUID.randomUUID();
        ops.put("listDeadLetters", r -> r.get("/api/v1/emissions/dead-letters"));
        ops.put("getDeadLetter", r -> r.get(letter));
        ops.put("replayDeadLetter", r -> r.post(letter + "/replay"));
        return ops;
    }

    /** The reads of emissions data, for officials in their jurisdiction, reporters their own, emissions:read keys. */
    private static Map<String, Function<RequestSpecification, Response>> reads() {
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>();
        ops.put("getOutletLimits", r -> r.get("/api/v1/emissions/enterprises/91341702669392367N/outlets/DA001/limits"));
        return ops;
    }

    /** The writes of officers and, for ingest, reporters and bound keys. */
    private static Map<String, Function<RequestSpecification, Response>> writes() {
        String enterprise = "/api/v1/emissions/enterprises/91341702669392367N";
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>();
        ops.put("ingestMeasurementBatch", r -> r.contentType("text/csv").body("outlet,pollutant\n")
                .put(enterprise + "/measurement-batches/" + java.util.UUID.randomUUID()));
        ops.put("bindOrganisation", r -> r.put(enterprise + "/bound-organisations/AIRSENSE"));
        ops.put("unbindOrganisation", r -> r.delete(enterprise + "/bound-organisations/AIRSENSE"));
        return ops;
    }

    private static Map<String, Function<RequestSpecification, Response>> all() {
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>(adminOnly());
        ops.putAll(reads());
        ops.putAll(writes());
        return ops;
    }

    @Test
    void officersWriteAndReportersAndWritingKeysIngestOthersAreForbidden() {
        for (String token : new String[] {ADMIN, EEB_OFFICER}) {
            writes().forEach((id, call) -> assertThat(call.apply(given().auth().oauth2(token)).statusCode()).as(id)
                    .isEqualTo(404));
        }
        Function<RequestSpecification, Response> ingest = writes().get("ingestMeasurementBatch");
        assertThat(ingest.apply(given().auth().oauth2(REPORTER)).statusCode()).isEqualTo(404);
        assertThat(ingest.apply(given().auth().oauth2(TestTokens.thirdParty("AIRSENSE", "emissions:write")))
                .statusCode()).isEqualTo(404);
        for (String token : new String[] {EEB_LEAD, INSPECTOR, CITIZEN}) {
            writes().forEach((id, call) -> assertThat(call.apply(given().auth().oauth2(token)).jsonPath()
                    .getString("type")).as(id).isEqualTo("/problems/forbidden"));
        }
        writes().forEach((id, call) -> {
            if (!id.equals("ingestMeasurementBatch")) {
                assertThat(call.apply(given().auth().oauth2(REPORTER)).statusCode()).as(id).isEqualTo(403);
            }
            Response key = call.apply(given().auth().oauth2(id.equals("ingestMeasurementBatch")
                    ? TestTokens.thirdParty("AIRSENSE", "emissions:read") : KEY));
            assertThat(key.statusCode()).as(id).isEqualTo(403);
            assertThat(key.jsonPath().getString("type")).as(id).isEqualTo("/problems/insufficient-scope");
        });
    }

    @Test
    void readersAreLetThroughToTheirDataScopeAndOthersForbidden() {
        for (String token : new String[] {ADMIN, EEB_OFFICER, EEB_LEAD, INSPECTOR, REPORTER,
                TestTokens.thirdParty("GREENWATCH", "emissions:read")}) {
            reads().forEach((id, call) -> assertThat(call.apply(as(token)).statusCode()).as(id).isIn(200, 404));
        }
        reads().forEach((id, call) -> {
            assertThat(call.apply(as(CITIZEN)).jsonPath().getString("type")).as(id).isEqualTo("/problems/forbidden");
            Response key = call.apply(as(TestTokens.thirdParty("GREENWATCH", "emissions:write", "registry:read",
                    "disclosure:read")));
            assertThat(key.statusCode()).as(id).isEqualTo(403);
            assertThat(key.jsonPath().getString("detail")).as(id).contains("emissions:read");
        });
    }

    @Test
    void everyOperationOfTheContractIsClassifiedHere() {
        Set<String> contract = new TreeSet<>();
        Contracts.spec("emissions.yaml").getPaths().values()
                .forEach(item -> item.readOperations().forEach(op -> contract.add(op.getOperationId())));
        assertThat(new TreeSet<>(all().keySet())).isEqualTo(contract);
    }

    @Test
    void aPlatformAdminIsLetThrough() {
        adminOnly().forEach((id, call) -> assertThat(call.apply(as(ADMIN)).statusCode()).as(id)
                .isNotIn(401, 403, 500));
    }

    @Test
    void everyOtherRoleIsForbidden() {
        for (String token : new String[] {EEB_OFFICER, EEB_LEAD, INSPECTOR, REPORTER, CITIZEN}) {
            adminOnly().forEach((id, call) -> {
                Response answer = call.apply(as(token));
                assertThat(answer.statusCode()).as(id).isEqualTo(403);
                assertThat(answer.jsonPath().getString("type")).as(id).isEqualTo("/problems/forbidden");
            });
        }
    }

    @Test
    void anApiKeyIsRefusedNamingAScopeNoKeyHas() {
        adminOnly().forEach((id, call) -> {
            Response answer = call.apply(as(KEY));
            assertThat(answer.statusCode()).as(id).isEqualTo(403);
            assertThat(answer.jsonPath().getString("type")).as(id).isEqualTo("/problems/insufficient-scope");
        });
    }

    @Test
    void withoutATokenEveryOperationIs401AndPlainHeadersAreNoIdentity() {
        all().forEach((id, call) -> {
            Response answer = call.apply(given().header("X-User", "admin").header("X-Roles", "platform-admin")
                    .header("X-Organisation", "GREENWATCH"));
            assertThat(answer.statusCode()).as(id).isEqualTo(401);
            assertThat(answer.jsonPath().getString("type")).as(id).isEqualTo("/problems/unauthenticated");
        });
    }
}
