package org.ecogov.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Trace export is off by default, on a build that can export: with a collector configured but the sampler's ratio
 * at its default (0), the trace context is carried (ObservabilityTest) but nothing is recorded or sent.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(value = OtlpCollector.class, restrictToAnnotatedClass = true)
@TestProfile(TraceExportOffTest.CollectorOnly.class)
class TraceExportOffTest {

    /** More than ten export intervals (100 ms here): time enough for a span to be sent, had one been recorded. */
    private static final long QUIET_PERIOD_MS = 1500;

    @Test
    void nothingIsSentToTheCollector() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        OtlpCollector.call(traceId);
        Thread.sleep(QUIET_PERIOD_MS);
        assertThat(OtlpCollector.exported(traceId)).as("a span of trace %s reached the collector", traceId).isFalse();
    }

    /** Its own profile, so that the application with the collector configured is not shared with other tests. */
    public static class CollectorOnly implements QuarkusTestProfile {
    }
}
