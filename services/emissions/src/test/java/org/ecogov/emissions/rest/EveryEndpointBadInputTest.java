package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.emissions.Database;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;

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

        List<BadInputSweep.Case> cases = BadInputSweep.cases(Contracts.spec("emissions.yaml"),
                EveryEndpointBadInputTest::goodPathValue, EveryEndpointBadInputTest::goodQueryValue);
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(ADMIN));
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(BadInputSweep.Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(20);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    private static String goodPathValue(String name, String template) {
        return switch (name) {
            case "chain" -> "gateway";
            case "uscc" -> "91341702669392367N";
            case "code" -> "DA001";
            case "id" -> "1";
            default -> throw new IllegalStateException("no sample value for path parameter " + name);
        };
    }

    private static String goodQueryValue(String name) {
        throw new IllegalStateException("no sample value for required query parameter " + name);
    }
}
