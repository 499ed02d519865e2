package org.ecogov.enforcement.domain;

import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The enforcement service's own problem types are exactly those its spec declares (info.x-ecogov-problem-types). */
class EnforcementProblemTypesTest {

    @Test
    void theEnumIsTheSpecsList() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (EnforcementProblem type : EnforcementProblem.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
            assertThat(type.uri()).isEqualTo("/problems/" + type.slug());
        }
        assertThat(java).isEqualTo(ProblemTypes.ofSpec("enforcement.yaml"));
    }
}
