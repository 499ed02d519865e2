package org.ecogov.probe;

import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.runtime.events.EventHandler;
import org.ecogov.runtime.events.ReceivedEvent;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records each event in probe_received, in the transaction that also records it as processed. Two kinds of
 * enterprise, told apart by their name, let tests see the machinery work:
 * <ul>
 * <li>a name containing {@code POISON} fails until its subject is in probe_cure (it ends as a dead letter);</li>
 * <li>a name containing {@code SLOW} takes 8 s after its effect is written and before it commits, long enough to
 * kill the process in the middle of it;</li>
 * <li>a name containing {@code CRASH} halts the process in the middle of it, every time: the poison that kills its
 * consumer, which must still end as a dead letter after its attempts, counted across the restarts.</li>
 * </ul>
 */
@ApplicationScoped
public class ProbeRecorder implements EventHandler {

    @Override
    public String consumer() {
        return "event-probe";
    }

    private static final Logger LOG = Logger.getLogger(ProbeRecorder.class);

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        String name = event.data().path("enterprise").path("details").path("name").asText("");
        // tests watch for this line: from here until the commit, the event is in the middle of its processing
        LOG.infof("processing %s %s", event.type(), event.subject());
        if (name.contains("CRASH")) {
            LOG.warnf("crashing on %s", event.subject());
            Runtime.getRuntime().halt(70);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into probe_received (event_id, type, subject, event_time, envelope)
                                values (:id, :type, :subject, :time, :envelope)""")
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .setParameter("subject", event.subject())
                        // the platform's publishers always stamp a time; an event without one is this probe's failure
                        .setParameter("time", event.time().atOffset(ZoneOffset.UTC))
                        .setParameter("envelope", event.envelope())
                        .executeUpdate()
                        .chain(inserted -> name.contains("POISON")
                                ? session.createNativeQuery("select count(*) from probe_cure where subject = :subject")
                                        .setParameter("subject", event.subject())
                                        .getSingleResult()
                                        .invoke(cured -> {
                                            if (((Number) cured).longValue() == 0) {
                                                throw new IllegalStateException("poisoned enterprise " + event.subject());
                                            }
                                        })
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem()))
                .chain(() -> name.contains("SLOW")
                        ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(8))
                        : Uni.createFrom().voidItem());
    }
}
