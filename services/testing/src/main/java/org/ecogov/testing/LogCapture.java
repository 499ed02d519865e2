package org.ecogov.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects what the application logs while it is open, from every logger: a handler on the root logger, in
 * memory. Each line keeps the logger, the level, the formatted message and the MDC as the application's own
 * formatters see it.
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     given().header("X-Request-Id", "test-abc-123").get("/api/v1/enterprises");
 *     assertThat(logs.await(line -> line.message().contains("test-abc-123"), Duration.ofSeconds(5))).isPresent();
 * }
 * }</pre>
 * Works in a {@code @QuarkusTest}: the test JVM runs with the JBoss LogManager, whose root logger is the one
 * the application logs through.
 */
public final class LogCapture implements AutoCloseable {

    /** One record as it was logged. */
    public record Line(String logger, Level level, String message, Map<String, String> mdc) {

        public String mdc(String key) {
            return mdc.get(key);
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                lines.add(new Line(ext.getLoggerName(), ext.getLevel(), ext.getFormattedMessage(), ext.getMdcCopy()));
            } else {
                lines.add(new Line(record.getLoggerName(), record.getLevel(), formatter.formatMessage(record), Map.of()));
            }
        }

        @Override
        public void flush() {
            // nothing buffered
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    private LogCapture() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    /** Starts collecting; close to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Everything collected so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /**
     * The first line that matches, waiting up to {@code timeout} for it: some lines (an access log, say) are
     * written only after the response has reached the client.
     */
    public Optional<Line> await(Predicate<Line> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Line> found = lines.stream().filter(wanted).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
