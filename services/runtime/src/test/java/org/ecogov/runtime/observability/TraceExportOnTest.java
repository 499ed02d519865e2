package org.ecogov.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Trace export switched on by run-time configuration alone, on the same build as every other test: the sampler's
 * ratio set (QUARKUS_OTEL_TRACES_SAMPLER_ARG) and a collector named, the caller's trace reaches the collector.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(value = OtlpCollector.class, restrictToAnnotatedClass = true)
@TestProfile(TraceExportOnTest.Sampled.class)
class TraceExportOnTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void theCallersTraceIsSentToTheCollector() throws InterruptedException {
        String traceId = "0af7651916cd43dd8448eb211c8031aa";
        OtlpCollector.call(traceId);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!OtlpCollector.exported(traceId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(OtlpCollector.exported(traceId)).as("trace %s reached the collector", traceId).isTrue();
    }

    public static class Sampled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler.arg", "1.0");
        }
    }
}
