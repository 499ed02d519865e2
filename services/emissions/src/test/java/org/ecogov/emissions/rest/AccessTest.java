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
        String enterprise = "/api/v1/emissions/enterprises/91341702669392367N";
        ops.put("getOutletLimits", r -> r.get(enterprise + "/outlets/DA001/limits"));
        ops.put("listExceedances", r -> r.get(enterprise + "/exceedances"));
        ops.put("getExceedance", r -> r.get(enterprise + "/exceedances/" + java.util.UUID.randomUUID()));
        ops.put("getSeries", r -> r.queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .queryParam("kind", "daily").get(enterprise + "/outlets/DA001/series/a21026"));
        ops.put("listReports", r -> r.get(enterprise + "/reports"));
        ops.put("getReport", r -> r.get(enterprise + "/reports/" + java.util.UUID.randomUUID()));
        ops.put("getAggregates", r -> r.queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .queryParam("kind", "daily").queryParam("pollutant", "a21026").queryParam("bucket", "day")
                .queryParam("division", "341702").get("/api/v1/emissions/aggregates"));
        return ops;
    }

    /** The reads of what is not disclosed: officials in their jurisdiction, reporters their own, no key. */
    private static Map<String, Function<RequestSpecification, Response>> monitoringReads() {
        String enterprise = "/api/v1/emissions/enterprises/91341702669392367N";
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>();
        ops.put("listDataGaps", r -> r.get(enterprise + "/data-gaps"));
        ops.put("getAnnualDischarge", r -> r.get(enterprise + "/annual-discharges/2026"));
        ops.put("listLatestValues", r -> r.get(enterprise + "/latest-values"));
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

    /** Reports: written by reporters and officers, decided by officials; no key. */
    private static Map<String, Function<RequestSpecification, Response>> reportOps() {
        String enterprise = "/api/v1/emissions/enterprises/91341702669392367N";
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>();
        String report = enterprise + "/reports/" + java.util.UUID.randomUUID();
        ops.put("createReport", r -> r.contentType("application/json").body(Map.of("outletCode", "DA001",
                "pollutant", "a21026", "periodKind", "month", "periodStart", "2026-09-01", "unit", "mg/m3",
                "values", java.util.List.of(Map.of("sampledAt", "2026-09-10T09:30:00Z", "value", 1, "method", "HJ 57")))).post(enterprise + "/reports"));
        ops.put("createReportVersion", r -> r.contentType("application/json").body(Map.of("unit", "mg/m3",
                "values", java.util.List.of(Map.of("sampledAt", "2026-09-10T09:30:00Z", "value", 1, "method", "HJ 57"))))
                .post(report + "/versions"));
        ops.put("updateReport", r -> r.contentType("application/json").header("If-Match", "\"1\"").body(Map.of("unit",
                "mg/m3", "values", java.util.List.of(Map.of("sampledAt", "2026-09-10T09:30:00Z", "value", 1, "method",
                        "HJ 57")))).put(report));
        ops.put("submitReport", r -> r.post(report + "/submission"));
        ops.put("acceptReport", r -> r.post(report + "/acceptance"));
        ops.put("returnReport", r -> r.contentType("application/json")
                .body(Map.of("reasons", java.util.List.of("Missing lab."))).post(report + "/return"));
        return ops;
    }

    @Test
    void reportsAreWrittenByReportersAndOfficersAndDecidedByOfficialsNeverByKeys() {
        Set<String> decisions = Set.of("acceptReport", "returnReport");
        reportOps().forEach((id, call) -> {
            for (String token : new String[] {ADMIN, EEB_OFFICER}) {
                assertThat(call.apply(given().auth().oauth2(token)).statusCode()).as(id).isEqualTo(404);
            }
            for (String token : new String[] {REPORTER, EEB_LEAD, INSPECTOR}) {
                boolean allowed = decisions.contains(id) != token.equals(REPORTER);
                Response answer = call.apply(given().auth().oauth2(token));
                assertThat(answer.statusCode()).as(id).isEqualTo(allowed ? 404 : 403);
            }
            assertThat(call.apply(given().auth().oauth2(CITIZEN)).jsonPath().getString("type")).as(id)
                    .isEqualTo("/problems/forbidden");
            Response key = call.apply(given().auth().oauth2(KEY));
            assertThat(key.statusCode()).as(id).isEqualTo(403);
            assertThat(key.jsonPath().getString("type")).as(id).isEqualTo("/problems/insufficient-scope");
        });
    }

    private static Map<String, Function<RequestSpecification, Response>> all() {
        Map<String, Function<RequestSpecification, Response>> ops = new LinkedHashMap<>(adminOnly());
        ops.putAll(reads());
        ops.putAll(monitoringReads());
        ops.putAll(writes());
        ops.putAll(reportOps());
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
    void undisclosedReadsAreForReadersOnlyAndNoKey() {
        for (String token : new String[] {ADMIN, EEB_OFFICER, EEB_LEAD, INSPECTOR, REPORTER}) {
            monitoringReads().forEach((id, call) -> assertThat(call.apply(as(token)).statusCode()).as(id).isIn(200, 404));
        }
        monitoringReads().forEach((id, call) -> {
            assertThat(call.apply(as(CITIZEN)).jsonPath().getString("type")).as(id).isEqualTo("/problems/forbidden");
            Response key = call.apply(as(KEY));
            assertThat(key.statusCode()).as(id).isEqualTo(403);
            assertThat(key.jsonPath().getString("type")).as(id).isEqualTo("/problems/insufficient-scope");
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
