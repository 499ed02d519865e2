package org.ecogov.complaints.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.runtime.access.Access;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.complaints.api.AuditApi;
import org.ecogov.complaints.api.model.ComplaintAuditEntryDto;
import org.ecogov.complaints.api.model.ComplaintAuditEntryPageDto;
import org.ecogov.runtime.audit.AuditAnswers;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.AuditFields;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.audit.StoredEntry;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

/**
 * The complaints service's audit log (services/runtime's {@link AuditLog}), at /api/v1/complaints/audit-entries, for
 * platform-admins (ComplaintsAccess.READ_AUDIT): its entries, and its verification against the head its witness holds
 * (asked with the platform-admin's own token). And the service as a witness: the checkpoints of the other parties'
 * chains it keeps ({@link AuditWitness}, {@code AuditWitness.ACCESS}).
 */
@Authenticated
public class AuditResource implements AuditApi {

    private final AuditLog audit;
    private final AuditWitness witness;
    private final CallerProducer callers;
    private final Clock clock;

    public AuditResource(AuditLog audit, AuditWitness witness, CallerProducer callers, Clock clock) {
        this.audit = audit;
        this.witness = witness;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    @Access(ComplaintsAccess.READ_AUDIT)
    @WithSession
    public Uni<Response> listComplaintAuditEntries(String entityId, String cursor, Integer limit) {
        AuditLog.Filter filter = new AuditLog.Filter(entityId == null ? null : "complaint", entityId);
        return callers.resolve()
                .chain(caller -> audit.list(filter, cursor, limit))
                .map(page -> Responses.ok(new ComplaintAuditEntryPageDto()
                        .items(page.items().stream().map(AuditResource::toDto).toList())
                        .next(page.next())
                        .limit(page.limit())));
    }

    @Override
    @Access(ComplaintsAccess.READ_AUDIT)
    @WithSession
    public Uni<Response> verifyAuditChain() {
        return callers.credential()
                .chain(audit::verify)
                .map(verification -> Responses.ok(AuditAnswers.verification(verification, clock.now())));
    }

    @Override
    @Access(AuditWitness.ACCESS)
    public Uni<Response> listAuditCheckpoints(String chain, String cursor, Integer limit) {
        return witness.list(chain, cursor, limit == null ? 100 : limit)
                .map(page -> Responses.ok(AuditAnswers.checkpoints(page)));
    }

    @Override
    @Access(AuditWitness.ACCESS)
    public Uni<Response> getAuditCheckpointHead(String chain) {
        return witness.head(chain).map(head -> Responses.ok(AuditAnswers.checkpoint(head.orElseThrow(() ->
                ProblemException.of(ProblemType.AUDIT_CHECKPOINT_NOT_FOUND,
                        "This party holds no checkpoint of the audit chain '" + chain + "'.")))));
    }

    private static ComplaintAuditEntryDto toDto(StoredEntry entry) {
        AuditFields e = entry.fields();
        return new ComplaintAuditEntryDto()
                .sequence(e.sequence())
                .occurredAt(Clock.utc(e.occurredAt()))
                .actorSubject(e.actorSubject())
                .actorAgency(e.actorAgency())
                .clientId(e.clientId())
                .action(e.action())
                .entityType(ComplaintAuditEntryDto.EntityTypeEnum.fromString(e.entityType()))
                .entityId(e.entityId())
                .beforeDigest(e.beforeDigest())
                .afterDigest(e.afterDigest())
                .reason(e.reason())
                .previousHash(entry.previousHash())
                .hash(entry.hash());
    }
}
