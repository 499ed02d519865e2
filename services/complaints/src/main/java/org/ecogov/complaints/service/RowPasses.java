package org.ecogov.complaints.service;

import java.util.List;
import java.util.function.Function;

import jakarta.persistence.LockModeType;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The shape the scheduler's passes share (escalation, closing): candidates read once, then each acted on in its own
 * transaction that locks its row and goes on only if the row is still at the version read, so that replicas and
 * restarts act on each complaint once; one candidate's failure is logged and leaves it for the next pass.
 */
final class RowPasses {

    private RowPasses() {
    }

    /** Runs {@code step} on each candidate in turn; answers how many it acted on. */
    static Uni<Integer> each(Uni<List<Complaint>> candidates, Function<Complaint, Uni<Boolean>> step, Logger log,
            String done) {
        return candidates
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(candidate -> step.apply(candidate)
                        .onFailure().recoverWithItem(failure -> {
                            log.warnf("complaint %s not %s this pass: %s", candidate.id, done, failure.getMessage());
                            return false;
                        }))
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    /** In its own transaction: locks the candidate's row and applies {@code change} if it is still at the version read. */
    static Uni<Boolean> ifUnchanged(ComplaintRepository complaints, Complaint candidate,
            Function<Complaint, Uni<Void>> change) {
        return Panache.withTransaction(() -> complaints.findById(candidate.id, LockModeType.PESSIMISTIC_WRITE)
                .chain(complaint -> complaint.version != candidate.version
                        ? Uni.createFrom().item(false)
                        : change.apply(complaint).replaceWith(true)));
    }
}
