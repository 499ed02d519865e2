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
        Map<String, Long> before = Database.rowCounts();

        List<BadInputSweep.Case> cases = BadInputSweep.cases(Contracts.spec("enforcement.yaml"),
                (name, template) -> switch (name) {
                    case "inspectionId" -> inspection;
                    case "chain" -> "gateway";
                    default -> throw new IllegalStateException("no sample value for path parameter " + name);
                },
                name -> {
                    throw new IllegalStateException("no sample value for required query parameter " + name);
                });
        // the changes feed is an inspector's; every other operation is open to a platform-admin
        String feed = "GET /api/v1/inspections/changes";
        List<String> wrong = new java.util.ArrayList<>(BadInputSweep.wronglyAnswered(
                cases.stream().filter(c -> !c.operation().equals(feed)).toList(), request -> request.auth().oauth2(ADMIN)));
        wrong.addAll(BadInputSweep.wronglyAnswered(cases.stream().filter(c -> c.operation().equals(feed)).toList(),
                request -> request.auth().oauth2(LI)));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(40);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }
}
