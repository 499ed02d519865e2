package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The disclosure of issued decisions: enterprise, violation, decision, amount and dates, for anyone signed in and for
 * keys with enforcement:read or disclosure:read; no decision before it is issued, and no personal name anywhere.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class DisclosureTest {

    /** Officials whose names must not appear: they propose, approve and issue below. */
    private static final String OFFICER = TestTokens.builder().username("officer.zhang.wei").roles("agency-officer")
            .agency(EEB).jurisdiction(DISTRICT).sign();
    private static final String LEAD = TestTokens.builder().username("lead.liu.fang").roles("agency-lead")
            .agency(EEB).jurisdiction(DISTRICT).sign();

    @Test
    void issuedDecisionsAreDisclosedWithoutPersonalNames() {
        String uscc = enterpriseIn(TOWN_A);
        String caseId = as(OFFICER).body(Map.of("enterpriseUscc", uscc, "violations", List.of(Map.of(
                        "legalBasis", "Atmospheric Pollution Prevention and Control Law art. 99(2)",
                        "description", "Inspector Chen Jing saw the bypass open", "pollutantCode", "a21026",
                        "outletCode", "DA001"))))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String fine = as(OFFICER).body(Map.of("kind", "fine", "description", "Fine decided by Zhang Wei",
                "amount", "250000.00")).post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201)
                .extract().path("id");
        String warning = as(OFFICER).body(Map.of("kind", "warning", "description", "Not yet issued"))
                .post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201).extract().path("id");
        as(LEAD).header("If-Match", "\"1\"").body(Map.of("note", "Approved by Liu Fang"))
                .post("/api/v1/decisions/" + fine + "/approval").then().statusCode(200);
        as(OFFICER).header("If-Match", "\"2\"").body(new HashMap<>(Map.of("servedOn", "2026-03-02")))
                .post("/api/v1/decisions/" + fine + "/issuance").then().statusCode(200);

        for (String reader : List.of(CITIZEN, TestTokens.thirdParty("RIVERWATCH", "disclosure:read"),
                TestTokens.thirdParty("GREENWATCH", "enforcement:read"), TestTokens.reporter(uscc))) {
            String body = as(reader).queryParam("enterpriseUscc", uscc).get("/api/v1/disclosed-decisions").then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].decisionId", is(fine))
                    .body("items[0].enterpriseName", is("Enterprise " + uscc))
                    .body("items[0].kind", is("fine")).body("items[0].amount", is("250000.00"))
                    .body("items[0].servedOn", is("2026-03-02"))
                    .body("items[0].violations[0].legalBasis", is("Atmospheric Pollution Prevention and Control Law art. 99(2)"))
                    .body("items[0].violations[0].pollutantCode", is("a21026"))
                    .extract().asString();
            assertThat(body).doesNotContain(warning, "zhang", "Zhang", "liu", "Liu", "Chen", "inspector", "officer",
                    "lead.", "createdBy", "approvedBy", "updatedBy", "description");
        }
    }

    @Test
    void keysWithoutADisclosureScopeAreRefusedNamingIt() {
        as(TestTokens.thirdParty("GREENWATCH", "registry:read")).get("/api/v1/disclosed-decisions").then()
                .statusCode(403).body("type", is("/problems/insufficient-scope"))
                .body("detail", containsString("enforcement:read"));
    }
}
