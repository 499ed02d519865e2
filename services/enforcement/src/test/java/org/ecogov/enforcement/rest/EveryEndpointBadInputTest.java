package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ecogov.enforcement.Database;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every operation of the contract, read from api-specs/enforcement.yaml: every body, path, query and
 * header input broken in the ways DESIGN §8 lists. Every answer must be a problem+json 4xx (never a 500), must name
 * the broken field where there is one, and nothing may be written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EveryEndpointBadInputTest {

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        String caseId = openCase(uscc);
        String decision = warning(caseId);
        String plan = as(EEB_LEAD).body(Map.of("title", "Double random", "jurisdiction", DISTRICT, "periodStart",
                "2026-07-01", "periodEnd", "2026-12-31", "samplingRatio", "0.05", "inspectors",
                List.of(INSPECTOR_LI, INSPECTOR_WANG))).post("/api/v1/inspection-plans").then().statusCode(201)
                .extract().path("id");
        Map<String, Long> before = Database.rowCounts();

        // The evidence upload takes a file, not JSON, and the shared sweep builds JSON bodies: its bad input (each
        // parameter, the body's type and content) is swept in EvidenceTest.badInputOfTheUploadIsRefusedNamingTheField.
        io.swagger.v3.oas.models.OpenAPI spec = Contracts.spec("enforcement.yaml");
        spec.getPaths().get("/api/v1/inspections/{inspectionId}/evidence").setPost(null);
        List<BadInputSweep.Case> cases = BadInputSweep.cases(spec,
                (name, template) -> switch (name) {
                    case "inspectionId" -> inspection;
                    case "caseId" -> caseId;
                    case "decisionId" -> decision;
                    case "planId" -> plan;
                    case "evidenceId" -> "7d4a6f3c-0e95-4b7c-9f1e-4a5b6c7d8e9f";
                    case "chain" -> "gateway";
                    default -> throw new IllegalStateException("no sample value for path parameter " + name);
                },
                name -> {
                    throw new IllegalStateException("no sample value for required query parameter " + name);
                });
        // The sweep's "bad" header values are written percent-encoded (%21%21), which is a well-formed
        // Idempotency-Key (any visible ASCII): such a case is no bad input, and its empty body is what gets refused.
        // Bad keys are tested in InspectionTest.
        cases = cases.stream().filter(c -> !("Idempotency-Key".equals(c.field())
                && String.valueOf(c.headers().get("Idempotency-Key")).matches("[\\x21-\\x7e]{1,255}"))).toList();
        // the changes feed is an inspector's, approval and plans an agency lead's; every other operation is a
        // platform-admin's too
        String feed = "GET /api/v1/inspections/changes";
        String approval = "POST /api/v1/decisions/{decisionId}/approval";
        java.util.function.Predicate<BadInputSweep.Case> lead = c -> c.operation().equals(approval)
                || c.operation().contains("/api/v1/inspection-plans");
        List<String> wrong = new java.util.ArrayList<>(BadInputSweep.wronglyAnswered(cases.stream()
                .filter(c -> !c.operation().equals(feed) && !lead.test(c)).toList(),
                request -> request.auth().oauth2(ADMIN)));
        wrong.addAll(BadInputSweep.wronglyAnswered(cases.stream().filter(c -> c.operation().equals(feed)).toList(),
                request -> request.auth().oauth2(LI)));
        wrong.addAll(BadInputSweep.wronglyAnswered(cases.stream().filter(lead).toList(),
                request -> request.auth().oauth2(EEB_LEAD)));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(40);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }
}
