package org.ecogov.emissions.domain;

import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The emissions service's own problem types are exactly those its spec declares (info.x-ecogov-problem-types). */
class EmissionsProblemTypesTest {

    @Test
    void theEnumIsTheSpecsList() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (EmissionsProblem type : EmissionsProblem.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
            assertThat(type.uri()).isEqualTo("/problems/" + type.slug());
        }
        assertThat(java).isEqualTo(ProblemTypes.ofSpec("emissions.yaml"));
    }
}
