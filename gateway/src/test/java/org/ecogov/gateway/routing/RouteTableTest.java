package org.ecogov.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(new LinkedHashMap<>(Map.of(
                    "registry", List.of("/api/v1/enterprises/**", "/api/v1/agencies/**"),
                    "emissions", List.of("/api/v1/enterprises/*/emission-reports/**"))),
            List.of("/api/v1/api-keys/**", "/api/v1/enterprises/*/profile"));

    @Test
    void theMostSpecificPatternWins() {
        assertThat(owner("/api/v1/enterprises")).isEqualTo("registry");
        assertThat(owner("/api/v1/enterprises/91341702669392367N")).isEqualTo("registry");
        assertThat(owner("/api/v1/enterprises/91341702669392367N/outlets/DA001")).isEqualTo("registry");
        assertThat(owner("/api/v1/enterprises/91341702669392367N/profile")).isEqualTo("gateway");
        assertThat(owner("/api/v1/enterprises/91341702669392367N/profile/x")).isEqualTo("registry");
        assertThat(owner("/api/v1/enterprises/91341702669392367N/emission-reports")).isEqualTo("emissions");
        assertThat(owner("/api/v1/enterprises/91341702669392367N/emission-reports/7")).isEqualTo("emissions");
        assertThat(owner("/api/v1/api-keys")).isEqualTo("gateway");
        assertThat(owner("/api/v1/api-keys/ecok_aaaaaaaaaa/rotation")).isEqualTo("gateway");
    }

    @Test
    void aPathNoServiceClaimsHasNoRoute() {
        assertThat(table.match("/api/v1/enterprise")).isEmpty();
        assertThat(table.match("/api/v1")).isEmpty();
        assertThat(table.match("/api/v2/enterprises")).isEmpty();
    }

    @Test
    void twoServicesClaimingOnePatternIsAConfigurationError() {
        assertThatThrownBy(() -> RouteTable.of(Map.of("a", List.of("/api/v1/x/**"), "b", List.of("/api/v1/x/**")), List.of()))
                .hasMessageContaining("/api/v1/x/**");
        assertThatThrownBy(() -> RouteTable.of(Map.of("gateway", List.of("/api/v1/x/**")), List.of()))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> PathPattern.parse("/api/**/x")).hasMessageContaining("bad segment");
        assertThatThrownBy(() -> PathPattern.parse("api")).hasMessageContaining("starts with");
    }

    @Test
    void pathTemplatesOfTheSpecsMatchOneSegmentPerVariableAndNameTheRoute() {
        RouteTable derived = RouteTable.of(Map.of("registry", List.of("/api/v1/enterprises", "/api/v1/enterprises/{uscc}",
                "/api/v1/enterprises/{uscc}/outlets/{code}")), List.of("/api/v1/enterprises/{uscc}/profile"));

        assertThat(derived.match("/api/v1/enterprises/91341702669392367N/outlets/DA001").orElseThrow().pattern())
                .hasToString("/api/v1/enterprises/{uscc}/outlets/{code}");
        assertThat(derived.match("/api/v1/enterprises/91341702669392367N/profile").orElseThrow().isGateway()).isTrue();
        assertThat(derived.match("/api/v1/enterprises/91341702669392367N/outlets")).isEmpty();
        assertThat(derived.match("/api/v1/enterprises/").orElseThrow().pattern()).hasToString("/api/v1/enterprises");
        assertThatThrownBy(() -> RouteTable.of(Map.of("a", List.of("/api/v1/x/{id}"), "b", List.of("/api/v1/x/{key}")), List.of()))
                .as("one shape under two names").hasMessageContaining("claimed by both");
        assertThatThrownBy(() -> PathPattern.parse("/api/v1/x{id}")).hasMessageContaining("bad segment");
    }

    @Test
    void aVariableWithASuffixMatchesOneSegmentEndingSo() {
        RouteTable open311 = RouteTable.of(Map.of("complaints", List.of("/open311/v2/requests.json",
                "/open311/v2/requests/{id}.json", "/open311/v2/services/{code}.json")), List.of());

        assertThat(open311.match("/open311/v2/requests/ECO7H3K9QX.json").orElseThrow().pattern())
                .hasToString("/open311/v2/requests/{id}.json");
        assertThat(open311.match("/open311/v2/requests.json").orElseThrow().pattern())
                .hasToString("/open311/v2/requests.json");
        assertThat(open311.match("/open311/v2/requests/ECO7H3K9QX.xml")).as("another suffix").isEmpty();
        assertThat(open311.match("/open311/v2/requests/.json")).as("an empty variable").isEmpty();
        assertThat(open311.match("/open311/v2/services/odour.json/x")).as("one segment only").isEmpty();
        assertThatThrownBy(() -> PathPattern.parse("/open311/v2/requests/*.json")).hasMessageContaining("bad segment");
    }

    private String owner(String path) {
        return table.match(path).orElseThrow().owner();
    }
}
