package org.ecogov.complaints.domain;

import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The complaints service's own problem types are exactly those its spec declares (info.x-ecogov-problem-types). */
class ComplaintProblemTypesTest {

    @Test
    void theEnumIsTheSpecsList() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (ComplaintProblem type : ComplaintProblem.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
            assertThat(type.uri()).isEqualTo("/problems/" + type.slug());
        }
        assertThat(java).isEqualTo(ProblemTypes.ofSpec("complaints.yaml"));
    }
}
