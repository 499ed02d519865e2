package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class OutletAndPermitTest {

    private String uscc;

    @BeforeEach
    void enterprise() {
        uscc = enterpriseIn(TOWN_A);
    }

    private void outlets(String... codes) {
        for (String code : codes) {
            as(EEB_OFFICER).body(code.startsWith("DA") ? airOutlet(code) : waterOutlet(code))
                    .post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(201);
        }
    }

    @Test
    void outletCarriesItsPollutantsWithUnitsFromTheReferenceList() {
        as(EEB_OFFICER).body(waterOutlet("DW001")).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith("/enterprises/" + uscc + "/outlets/DW001"))
                .body("enterpriseUscc", is(uscc))
                .body("kind", is("water"));
        as(INSPECTOR).get("/api/v1/enterprises/" + uscc + "/outlets/DW001").then().statusCode(200)
                .body("details.pollutants.pollutant", contains("w01001", "w01018", "w21003"))
                .body("details.pollutants.find { it.pollutant == 'w01001' }.limitMin", is(6))
                .body("details.pollutants.find { it.pollutant == 'w01001' }.unit", is("pH"))
                .body("details.pollutants.find { it.pollutant == 'w01018' }.unit", is("mg/L"))
                .body("details.pollutants.find { it.pollutant == 'w01018' }.annualPermittedTonnes", is(12));
        as(INSPECTOR).get("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(200)
                .body("items.code", contains("DW001"));
    }

    @Test
    void outletKindMustMatchItsCode() {
        Map<String, Object> body = new java.util.HashMap<>(airOutlet("DW002"));
        as(EEB_OFFICER).body(body).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(400)
                .body("errors[0].field", is("kind"));
    }

    @Test
    void pHNeedsARangeAndOthersOnlyAnUpperLimit() {
        as(EEB_OFFICER).body(Map.of("code", "DW003", "kind", "water", "details", Map.of(
                        "name", "Outlet", "location", Map.of("latitude", 30.6, "longitude", 117.4),
                        "pollutants", List.of(Map.of("pollutant", "w01001", "limitMax", 9),
                                Map.of("pollutant", "w01018", "limitMin", 1, "limitMax", 50)))))
                .post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("details.pollutants[0].limitMin", "details.pollutants[1].limitMin"));
    }

    @Test
    void duplicateOutletCodeIsAConflict() {
        outlets("DA001");
        as(EEB_OFFICER).body(airOutlet("DA001")).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(409)
                .body("type", is("/problems/outlet-exists"));
    }

    @Test
    void outletUpdateReplacesPollutantsUnderIfMatch() {
        outlets("DA001");
        Map<String, Object> details = Map.of("name", "Stack 1 (after desulphurisation)",
                "location", Map.of("latitude", 30.6581, "longitude", 117.4860),
                "pollutants", List.of(Map.of("pollutant", "a21026", "limitMax", 35)));
        as(EEB_OFFICER).body(Map.of("details", details)).put("/api/v1/enterprises/" + uscc + "/outlets/DA001")
                .then().statusCode(428);
        String updated = as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("details", details))
                .put("/api/v1/enterprises/" + uscc + "/outlets/DA001").then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("details.pollutants", hasSize(1))
                .body("details.pollutants[0].limitMax", is(35))
                .extract().asString();
        // written as a person writes it, not 3.5E+1
        org.assertj.core.api.Assertions.assertThat(updated).contains("\"limitMax\":35").doesNotContain("E+");
    }

    @Test
    void permitCoversOwnOutletsForItsValidity() {
        outlets("DA001", "DW001");
        String number = uscc + "001P";
        as(EEB_OFFICER).body(permit(number, "2026-01-01", "2030-12-31", List.of("DA001", "DW001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(201)
                .header("Location", endsWith("/permits/" + number))
                .body("number", is(number))
                .body("outletCodes", contains("DA001", "DW001"))
                .body("issuingAgency", is(EEB));
        as(EEB_LEAD).get("/api/v1/enterprises/" + uscc + "/permits/" + number).then().statusCode(200)
                .body("managementClass", is("key"))
                .body("validTo", is("2030-12-31"));
        as(EEB_LEAD).get("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(200)
                .body("items.number", contains(number));
    }

    @Test
    void permitForAnotherEnterprisesOutletIsRefused() {
        outlets("DA001");
        String other = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).body(airOutlet("DA005")).post("/api/v1/enterprises/" + other + "/outlets").then().statusCode(201);

        as(EEB_OFFICER).body(permit(uscc + "002P", "2026-01-01", "2026-12-31", List.of("DA001", "DA005")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(422)
                .body("type", is("/problems/permit-outlet-mismatch"))
                .body("errors.field", contains("outletCodes[1]"));
        // a number that is not the holder's
        as(EEB_OFFICER).body(permit(other + "001P", "2026-01-01", "2026-12-31", List.of("DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(400)
                .body("errors.field", contains("number"));
    }

    @Test
    void overlappingValidPermitsForOneOutletAreRefused() {
        outlets("DA001", "DA002");
        as(EEB_OFFICER).body(permit(uscc + "001P", "2026-01-01", "2028-12-31", List.of("DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(201);

        as(EEB_OFFICER).body(permit(uscc + "002P", "2028-12-31", "2031-12-31", List.of("DA002", "DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(409)
                .body("type", is("/problems/permit-overlap"))
                .body("errors.field", contains("outletCodes[1]"))
                .body("errors[0].message", containsString(uscc + "001P"));
        // the day after the first one ends is fine
        as(EEB_OFFICER).body(permit(uscc + "002P", "2029-01-01", "2031-12-31", List.of("DA002", "DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(201);
    }

    @Test
    void validityMustNotEndBeforeItStartsAndTheIssuerMustExist() {
        outlets("DA001");
        as(EEB_OFFICER).body(permit(uscc + "001P", "2027-01-01", "2026-12-31", List.of("DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(400)
                .body("errors.field", contains("validTo"));
        as(EEB_OFFICER).body(permit(uscc + "001P", "2026-02-30", "2026-12-31", List.of("DA001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(400)
                .body("errors.field", contains("validFrom"));
        Map<String, Object> unknownIssuer = new java.util.HashMap<>(permit(uscc + "001P", "2026-01-01", "2026-12-31", List.of("DA001")));
        unknownIssuer.put("issuingAgency", "EEB-999999");
        // an officer records only their own agency's permits (PermitLifecycleTest); a platform-admin any agency's that exists
        as(ADMIN).body(unknownIssuer).post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(400)
                .body("errors.field", contains("issuingAgency"));
    }
}
