package org.ecogov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final Logger LOG = Logger.getLogger("org.ecogov.testing.sample");

    @Test
    void collectsMessagesWithTheirMdcUntilClosed() {
        try (LogCapture logs = LogCapture.start()) {
            MDC.put("requestId", "r-1");
            try {
                LOG.infof("served %s", "enterprise 91341702669392367N");
            } finally {
                MDC.remove("requestId");
            }
            LogCapture.Line line = logs.lines().stream().filter(l -> l.logger().equals("org.ecogov.testing.sample"))
                    .findFirst().orElseThrow();
            assertThat(line.message()).isEqualTo("served enterprise 91341702669392367N");
            assertThat(line.level()).isEqualTo(org.jboss.logmanager.Level.INFO);
            assertThat(line.mdc("requestId")).isEqualTo("r-1");
        }
        try (LogCapture later = LogCapture.start()) {
            assertThat(later.lines()).noneMatch(l -> l.message().contains("91341702669392367N"));
        }
    }

    @Test
    void awaitWaitsForALineLoggedLater() {
        try (LogCapture logs = LogCapture.start()) {
            CompletableFuture.runAsync(() -> LOG.warn("late line"),
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
            assertThat(logs.await(l -> l.message().equals("late line"), Duration.ofSeconds(5)))
                    .hasValueSatisfying(l -> assertThat(l.level().intValue()).isEqualTo(Level.WARNING.intValue()));
            assertThat(logs.await(l -> l.message().equals("never"), Duration.ofMillis(50))).isEmpty();
        }
    }
}
