package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * Registering a USCC that is taken (issue 9): a caller who may read the record is told it exists; an officer for whom
 * it lies outside their jurisdiction is told only that the code cannot be registered by them, nothing of the record;
 * and however many register one code at once, there is one record.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class RegistrationTest {

    private static final String TOWN_A_GOV = "TG-341702101";
    private static final String TOWN_A_OFFICER = TestTokens.officer(TOWN_A_GOV, TOWN_A);

    @BeforeEach
    void world() {
        ensureWorld();
    }

    @Test
    void anOfficerRegisteringACodeTakenOutsideTheirJurisdictionLearnsNothingOfTheRecord() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Long> before = Database.rowCounts();

        Response refused = registerEnterprise(TOWN_B_OFFICER, uscc, "Wusha Copper Ltd.", TOWN_B);
        refused.then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("/problems/uscc-unavailable"))
                .body("errors.field", contains("uscc"));
        assertThat(refused.getHeader("Location")).isNull();
        assertThat(refused.getHeader("ETag")).isNull();
        assertThat(refused.asString()).as("nothing of the record in the answer")
                .doesNotContain(TOWN_A).doesNotContain("Enterprise " + uscc).doesNotContain("operating")
                .doesNotContain("exists").doesNotContain("already");

        assertThat(Database.rowCounts()).as("nothing written").isEqualTo(before);
        assertThat(Database.queryLong("select count(*) from enterprise where uscc = '" + uscc + "'")).isEqualTo(1);
        assertThat(Database.queryString("select division_code from enterprise where uscc = '" + uscc + "'")).isEqualTo(TOWN_A);
        // and a read tells the same officer as little
        as(TOWN_B_OFFICER).get("/api/v1/enterprises/" + uscc).then().statusCode(404);
    }

    @Test
    void whoMayReadTheRecordIsToldItExists() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Long> before = Database.rowCounts();
        for (String token : List.of(EEB_OFFICER, TOWN_A_OFFICER, ADMIN)) {
            registerEnterprise(token, uscc, "Copy Ltd.", TOWN_A).then().statusCode(409)
                    .body("type", is("/problems/enterprise-exists"))
                    .body("errors.field", contains("uscc"));
        }
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    /** Every other check comes first, so what a taken code changes in the answer is only the taken-code refusal. */
    @Test
    void everyOtherCheckComesFirst() {
        String uscc = enterpriseIn(TOWN_A);
        registerEnterprise(TOWN_B_OFFICER, uscc, "Elsewhere Ltd.", TOWN_A).then().statusCode(403)
                .body("type", is("/problems/outside-jurisdiction"));
        registerEnterprise(TOWN_B_OFFICER, newUscc(), "Elsewhere Ltd.", TOWN_A).then().statusCode(403)
                .body("type", is("/problems/outside-jurisdiction"));
        as(TOWN_B_OFFICER).body(Map.of("uscc", uscc, "details", Map.of("name", "Half a body")))
                .post("/api/v1/enterprises").then().statusCode(400);
    }

    @Test
    void concurrentRegistrationsOfOneCodeMakeOneRecord() throws Exception {
        for (int round = 0; round < 3; round++) {
            String uscc = newUscc();
            List<String> callers = List.of(EEB_OFFICER, TOWN_B_OFFICER, ADMIN, EEB_OFFICER, TOWN_B_OFFICER, ADMIN);
            List<Response> answers = concurrently(callers.size(),
                    i -> registerEnterprise(callers.get(i), uscc, "Race Ltd. " + i, TOWN_B));
            assertThat(answers).extracting(Response::statusCode).as("one registered, the others told it exists")
                    .containsExactlyInAnyOrder(201, 409, 409, 409, 409, 409);
            assertThat(answers).filteredOn(r -> r.statusCode() == 409).extracting(r -> r.<String>path("type"))
                    .containsOnly("/problems/enterprise-exists");
            assertThat(Database.queryLong("select count(*) from enterprise where uscc = '" + uscc + "'")).isEqualTo(1);
            assertThat(Database.queryLong("select count(*) from enterprise_version where uscc = '" + uscc + "'")).isEqualTo(1);
        }
        // two towns racing for one code: the loser is told only that it cannot register it
        String uscc = newUscc();
        List<Response> answers = concurrently(2, i -> i == 0
                ? registerEnterprise(TOWN_A_OFFICER, uscc, "Town A Ltd.", TOWN_A)
                : registerEnterprise(TOWN_B_OFFICER, uscc, "Town B Ltd.", TOWN_B));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409).extracting(r -> r.<String>path("type"))
                .containsOnly("/problems/uscc-unavailable");
        assertThat(Database.queryLong("select count(*) from enterprise where uscc = '" + uscc + "'")).isEqualTo(1);
    }
}
