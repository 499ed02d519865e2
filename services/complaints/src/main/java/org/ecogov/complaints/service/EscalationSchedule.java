package org.ecogov.complaints.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs an escalation pass every {@code complaints.escalation.every} (Quarkus scheduler; {@code off} switches it off,
 * as the tests do, which run the passes themselves). A pass that is still running when the next is due is skipped;
 * passes of other replicas may overlap with it, which {@link Escalations} makes harmless.
 */
@ApplicationScoped
public class EscalationSchedule {

    private final Escalations escalations;

    public EscalationSchedule(Escalations escalations) {
        this.escalations = escalations;
    }

    @Scheduled(identity = "complaints-escalation", every = "${complaints.escalation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return escalations.run().replaceWithVoid();
    }
}
