package org.ecogov.runtime.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The fixture consumer: records every event it processes in fixture_received (its effect, in the transaction).
 * A note whose text starts with "poison" fails while {@link #cured} is false; "flaky" fails its first two
 * attempts.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class RecordingHandler implements EventHandler {

    static final AtomicBoolean cured = new AtomicBoolean();
    static final AtomicInteger flakyAttempts = new AtomicInteger();
    static final AtomicInteger calls = new AtomicInteger();
    /** How often the handler was given an event of each subject, in this process. */
    static final Map<String, AtomicInteger> callsBySubject = new ConcurrentHashMap<>();

    @Override
    public String consumer() {
        return "runtime-fixture";
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        calls.incrementAndGet();
        callsBySubject.computeIfAbsent(String.valueOf(event.subject()), subject -> new AtomicInteger()).incrementAndGet();
        String text = event.data().path("text").asText("");
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into fixture_received (event_id, subject, envelope) values (:id, :subject, :envelope)")
                        .setParameter("id", event.id())
                        .setParameter("subject", event.subject())
                        .setParameter("envelope", event.envelope())
                        .executeUpdate())
                .invoke(() -> {
                    // failing after the effect: the effect must be rolled back with the attempt
                    if (text.startsWith("poison") && !cured.get()) {
                        throw new IllegalStateException("poisoned note " + event.subject());
                    }
                    if (text.startsWith("flaky") && flakyAttempts.incrementAndGet() <= 2) {
                        throw new IllegalStateException("flaky note, attempt " + flakyAttempts.get());
                    }
                })
                .replaceWithVoid();
    }
}
