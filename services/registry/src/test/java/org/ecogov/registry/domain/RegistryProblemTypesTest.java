package org.ecogov.registry.domain;

import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's own problem types are exactly those its spec declares (info.x-ecogov-problem-types). */
class RegistryProblemTypesTest {

    @Test
    void theEnumIsTheSpecsList() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (RegistryProblem type : RegistryProblem.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
            assertThat(type.uri()).isEqualTo("/problems/" + type.slug());
        }
        assertThat(java).isEqualTo(ProblemTypes.ofSpec("registry.yaml"));
    }
}
