package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.ADMIN;
import static org.ecogov.complaints.Fixtures.CITIZEN;
import static org.ecogov.complaints.Fixtures.filed;
import static org.ecogov.complaints.Fixtures.idOf;
import static org.ecogov.complaints.Fixtures.as;
import static org.ecogov.complaints.Fixtures.odourComplaint;
import static org.ecogov.complaints.Fixtures.with;

import java.util.List;
import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on every operation of the contract, not just a sample: the operations are read from
 * api-specs/complaints.yaml, and for each one every body, path, query and header input is broken in the ways
 * DESIGN §8 lists. Every answer must be a problem+json 4xx (never a 500), must name the broken field where there is
 * one, and nothing may be written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class EveryEndpointBadInputTest {

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        Map<String, Long> before = Database.rowCounts();

        // the sweep breaks JSON bodies; a photo's body is an image, and its bad input (not an image, too large, empty,
        // a broken tracking code) is PhotosTest's
        io.swagger.v3.oas.models.OpenAPI spec = Contracts.spec("complaints.yaml");
        spec.getPaths().remove("/api/v1/complaint-tracking/{trackingCode}/photos");
        List<BadInputSweep.Case> cases = BadInputSweep.cases(spec,
                (name, template) -> switch (name) {
                    case "complaintId" -> id;
                    case "trackingCode" -> code;
                    case "transferId" -> "5e0c8a9e-2b1d-4c5e-9f7a-0a1b2c3d4e5f";
                    case "chain" -> "gateway";
                    case "sha256" -> "0".repeat(64);
                    case "service_request_id" -> id;
                    case "id" -> code;
                    case "service_code" -> "odour";
                    default -> throw new IllegalStateException("no sample value for path parameter " + name);
                },
                name -> {
                    throw new IllegalStateException("no sample value for required query parameter " + name);
                });
        // the sweep's pattern-breaking header value is "%21%21" (meant for a URL), which is a well-formed
        // Idempotency-Key (any visible ASCII): those cases are not bad input; IntakeTest sends bad keys instead
        cases = cases.stream().filter(c -> !(c.field() != null && c.field().equals("Idempotency-Key")
                && c.headers().getOrDefault("Idempotency-Key", "").matches("[\\x21-\\x7e]{1,255}"))).toList();
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(ADMIN));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(35);
        // Open311's operations declare GeoReport's error array, and the sweep holds their answers to it; the form
        // body's fields themselves are broken in Open311Test
        assertThat(cases).filteredOn(BadInputSweep.Case::geoReport).extracting(BadInputSweep.Case::operation)
                .contains("POST /open311/v2/requests.json", "GET /open311/v2/requests.json",
                        "GET /open311/v2/tokens/{id}.json");
        assertThat(cases).filteredOn(BadInputSweep.Case::geoReport)
                .allMatch(c -> c.operation().contains(" /open311/"));
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    /** The sweep breaks the body's top level; the members inside a complaint are broken here, one at a time. */
    @Test
    void everyMemberOfAComplaintIsCheckedAndNamed() {
        filed(CITIZEN, odourComplaint());
        Map<String, Long> before = Database.rowCounts();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("category", with(odourComplaint(), "category", "smoke"));
        cases.put("description", with(odourComplaint(), "description", "   \n\t  "));
        cases.put("location.point.latitude", with(odourComplaint(), "location",
                Map.of("point", Map.of("latitude", 91, "longitude", 117.4), "divisionCode", "341702102")));
        cases.put("location.point.longitude", with(odourComplaint(), "location",
                Map.of("point", Map.of("latitude", 30, "longitude", "east"), "divisionCode", "341702102")));
        cases.put("location.divisionCode", with(odourComplaint(), "location", Map.of("divisionCode", "34170")));
        cases.put("location.surplus", with(odourComplaint(), "location", Map.of("divisionCode", "341702", "surplus", 1)));
        cases.put("observedAt", with(odourComplaint(), "observedAt", "yesterday evening"));
        cases.put("receivedAt", with(odourComplaint(), "receivedAt", "2026-11-30 08:00"));
        cases.put("suspectedEnterprise", with(odourComplaint(), "suspectedEnterprise", "9134170266939236"));
        cases.put("channel", with(odourComplaint(), "channel", "fax"));
        cases.put("contact.phone", with(odourComplaint(), "contact", Map.of("phone", "call me maybe")));
        cases.put("contact.email", with(odourComplaint(), "contact", Map.of("email", "nobody")));
        cases.forEach((field, body) -> as(CITIZEN).body(body).post("/api/v1/complaints").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field)));
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }
}
