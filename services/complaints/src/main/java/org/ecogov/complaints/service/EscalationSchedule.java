package org.ecogov.complaints.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs an escalation pass every {@code complaints.escalation.every}, and a closing pass every
 * {@code complaints.closing-every} (Quarkus scheduler; {@code off} switches it off,
 * as the tests do, which run the passes themselves). A pass that is still running when the next is due is skipped;
 * passes of other replicas may overlap with it, which {@link Escalations} makes harmless.
 */
@ApplicationScoped
public class EscalationSchedule {

    private final Escalations escalations;
    private final Closings closings;

    public EscalationSchedule(Escalations escalations, Closings closings) {
        this.escalations = escalations;
        this.closings = closings;
    }

    @Scheduled(identity = "complaints-escalation", every = "${complaints.escalation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return escalations.run().replaceWithVoid();
    }

    /** Closes the resolved complaints whose rating period ended without a rating (Closings, once across replicas). */
    @Scheduled(identity = "complaints-closing", every = "${complaints.closing-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closing() {
        return closings.run().replaceWithVoid();
    }
}
