package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.emissions.Database;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;

import java.util.List;
import java.util.UUID;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.is;

/**
 * Bad input on every operation of the contract: the operations are read from api-specs/emissions.yaml, and for each
 * one every body, path, query and header input is broken in the ways DESIGN §8 lists. Every answer must be a
 * problem+json 4xx (never a 500) naming the broken field where there is one, and nothing may be written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EveryEndpointBadInputTest {

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        Map<String, Long> before = Database.rowCounts();

        List<BadInputSweep.Case> cases = BadInputSweep.cases(withoutTextBodies(Contracts.spec("emissions.yaml")),
                EveryEndpointBadInputTest::goodPathValue, EveryEndpointBadInputTest::goodQueryValue);
        // the sweep's pattern-breaking header value is "%21%21" (meant for a URL), a well-formed Idempotency-Key
        // (any visible ASCII): no bad input; ReportTest sends bad keys instead
        cases = cases.stream().filter(c -> !("Idempotency-Key".equals(c.field())
                && c.headers().getOrDefault("Idempotency-Key", "").matches("[\\x21-\\x7e]{1,255}"))).toList();
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(ADMIN));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(20);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    /**
     * The sweep breaks JSON bodies; the bulk ingest's body is CSV or JSON lines, checked row by row
     * (MeasurementIngestTest) and swept for its own failures below, so the sweep covers its path parameters only.
     */
    private static OpenAPI withoutTextBodies(OpenAPI spec) {
        spec.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getRequestBody() != null && !op.getRequestBody().getContent().containsKey("application/json")) {
                op.setRequestBody(null);
            }
        }));
        return spec;
    }

    @Test
    void theBulkIngestRefusesABodyOfAnotherMediaTypeOrWithoutRowsAndWritesNothing() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String batches = "/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/";
        Map<String, Long> before = Database.rowCounts();

        as(ADMIN).body(Map.of("outlet", "DA001")).put(batches + UUID.randomUUID()).then().statusCode(415)
                .contentType("application/problem+json").body("type", is("/problems/unsupported-media-type"));
        given().auth().oauth2(ADMIN).contentType("text/csv").put(batches + UUID.randomUUID()).then().statusCode(422)
                .contentType("application/problem+json").body("type", is("/problems/batch-rejected"));
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson").body(new byte[0])
                .put(batches + UUID.randomUUID()).then().statusCode(422)
                .body("type", is("/problems/batch-rejected"));
        given().auth().oauth2(ADMIN).contentType("text/csv").body("outlet\nDA001\n")
                .put(batches + "not-a-uuid").then().statusCode(400)
                .body("errors[0].field", is("batchId"));
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    private static String goodPathValue(String name, String template) {
        return switch (name) {
            case "chain" -> "gateway";
            case "uscc" -> "91341702669392367N";
            case "code" -> "DA001";
            case "id" -> java.util.UUID.randomUUID().toString();
            case "batchId", "exceedanceId", "reportId" -> java.util.UUID.randomUUID().toString();
            case "pollutant" -> "a21026";
            case "year" -> "2026";
            case "organisation" -> "AIRSENSE";
            default -> throw new IllegalStateException("no sample value for path parameter " + name);
        };
    }

    private static String goodQueryValue(String name) {
        return switch (name) {
            case "from" -> "2026-01-01T00:00:00Z";
            case "to" -> "2026-01-02T00:00:00Z";
            case "pollutant" -> "a21026";
            case "bucket" -> "day";
            default -> throw new IllegalStateException("no sample value for required query parameter " + name);
        };
    }
}
