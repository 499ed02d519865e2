package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;

/**
 * Bad input on every operation of the contract, not just a sample: the operations are read from
 * api-specs/registry.yaml, and for each one every body, path, query and header input is broken in
 * the ways DESIGN §8 lists. Every answer must be a problem+json 4xx (never a 500), must name the
 * broken field where there is one, and nothing may be written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EveryEndpointBadInputTest {

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        ensureWorld();
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Long> before = Database.rowCounts();

        List<BadInputSweep.Case> cases = BadInputSweep.cases(Contracts.spec("registry.yaml"),
                (name, template) -> goodPathValue(name, template, uscc), EveryEndpointBadInputTest::goodQueryValue);
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(ADMIN));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    private static String goodPathValue(String name, String template, String uscc) {
        return switch (name) {
            case "uscc" -> uscc;
            case "code" -> template.contains("/outlets/") ? "DA001" : template.contains("/agencies/") ? EEB : DISTRICT;
            case "number" -> uscc + "001P";
            case "matterType" -> "water";
            case "divisionCode" -> DISTRICT;
            case "chain" -> "gateway";
            default -> throw new IllegalStateException("no sample value for path parameter " + name);
        };
    }

    private static String goodQueryValue(String name) {
        return switch (name) {
            case "matterType" -> "water";
            case "divisionCode" -> DISTRICT;
            default -> throw new IllegalStateException("no sample value for required query parameter " + name);
        };
    }
}
