package org.ecogov.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OverheadReportTest {

    private static CpuMeter.Use cpu(double gatewaySeconds, double registrySeconds, double machineSeconds) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("gateway", gatewaySeconds);
        seconds.put("registry", registrySeconds);
        return new CpuMeter.Use(10, seconds, machineSeconds);
    }

    private static Measurement measurement(String target, double perSecond, double p50Millis) {
        return new Measurement(target, (long) (perSecond * 10), 0, 10, perSecond, p50Millis * 1e6, 0, 0, 0);
    }

    private static OverheadReport.Taken taken(Measurement m, CpuMeter.Use cpu) {
        return new OverheadReport.Taken(m, cpu);
    }

    @Test
    void theMedianOverheadIsTheMedianOfTheRounds() {
        OverheadReport report = new OverheadReport(List.of("header"), List.of(
                new OverheadReport.Round(1, List.of(taken(measurement("direct", 1000, 2.0), cpu(0, 10, 12)),
                        taken(measurement("gateway", 900, 2.5), cpu(4, 10, 15)))),
                new OverheadReport.Round(2, List.of(taken(measurement("gateway", 800, 3.0), cpu(4, 8, 12)),
                        taken(measurement("direct", 1000, 2.0), cpu(0, 10, 10)))),
                new OverheadReport.Round(3, List.of(taken(measurement("direct", 2000, 1.0), cpu(0, 20, 20)),
                        taken(measurement("gateway", 1900, 1.2), cpu(8, 19, 30))))));

        assertThat(report.medianOverhead().throughputRatio()).isEqualTo(0.9);
        assertThat(report.medianOverhead().addedP50Millis()).isEqualTo(0.5, within(1e-9));
        assertThat(report.errors()).isZero();
        String table = report.render();
        assertThat(table).startsWith("header\n")
                .contains("median          gateway")
                .contains("90.0 %")
                .contains("target: through the gateway >= 85 % of direct throughput: 90.0 % - met")
                .contains("target: added p50 < 1 ms: +0.50 ms - met")
                .doesNotContain("FAILED")
                .doesNotContain("bare");
        // round 1, gateway: 4 s of gateway CPU over 9000 answers; 1 core's worth used by others (15 - 14 s over 10 s)
        assertThat(table).containsPattern("1 +gateway +0\\.444 +1\\.111 +1\\.556 +1\\.40 +0\\.10");
    }

    @Test
    void aRunWithTheBareProxyShowsItsOverheadBesideTheGateways() {
        OverheadReport report = new OverheadReport(List.of("header"), List.of(
                new OverheadReport.Round(1, List.of(taken(measurement("direct", 1000, 2.0), cpu(0, 10, 12)),
                        taken(measurement("gateway", 700, 3.0), cpu(4, 10, 15)),
                        taken(measurement("bare", 800, 2.4), cpu(0, 10, 14)))),
                new OverheadReport.Round(2, List.of(taken(measurement("bare", 900, 2.2), cpu(0, 10, 14)),
                        taken(measurement("gateway", 750, 2.8), cpu(4, 10, 15)),
                        taken(measurement("direct", 1000, 2.0), cpu(0, 10, 12))))));

        assertThat(report.medianOverhead().throughputRatio()).isEqualTo(0.725, within(1e-9));
        assertThat(report.medianBareOverhead()).hasValueSatisfying(bare -> {
            assertThat(bare.throughputRatio()).isEqualTo(0.85, within(1e-9));
            assertThat(bare.addedP50Millis()).isEqualTo(0.3, within(1e-9));
        });
        assertThat(report.medianBare()).hasValueSatisfying(bare -> assertThat(bare.perSecond()).isEqualTo(850));
        String table = report.render();
        assertThat(table)
                .contains("median          bare")
                .contains("bare/direct")
                .containsPattern("median +72\\.5 % +\\+0\\.90 +\\+0\\.00 +85\\.0 % +\\+0\\.30")
                .contains("target: through the gateway >= 85 % of direct throughput: 72.5 % - NOT met")
                .contains("reference: the bare proxy (one more hop, no work of its own) reaches 85.0 % of direct"
                        + " throughput, +0.30 ms p50");
        // every measurement of a round in the order taken: round 2 began with the bare proxy
        assertThat(table).containsPattern("2 +bare .*\\n2 +gateway .*\\n2 +direct ");
    }
}
