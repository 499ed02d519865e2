package org.ecogov.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

/**
 * The problem types the gateway answers besides the generic ones are exactly those gateway.yaml declares, the
 * registry's enterprise-not-found of the profile included (with the registry's status and title).
 */
class GatewayProblemTypesTest {

    @Test
    void theEnumIsTheSpecsList() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (GatewayProblem type : GatewayProblem.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
        }
        assertThat(java).isEqualTo(ProblemTypes.ofSpec("gateway.yaml"));
        assertThat(ProblemTypes.ofSpec("gateway.yaml").get("enterprise-not-found"))
                .isEqualTo(ProblemTypes.ofSpec("registry.yaml").get("enterprise-not-found"));
    }
}
