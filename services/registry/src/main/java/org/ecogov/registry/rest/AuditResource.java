package org.ecogov.registry.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.AuditApi;
import org.ecogov.registry.api.model.AuditEntryDto;
import org.ecogov.registry.api.model.AuditEntryPageDto;
import org.ecogov.registry.api.model.AuditVerificationDto;
import org.ecogov.registry.api.model.EntityTypeDto;
import org.ecogov.registry.domain.AuditEntry;
import org.ecogov.registry.mapping.Times;
import org.ecogov.registry.service.AuditLog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.security.Roles;

/**
 * The registry's audit log, for platform-admins. Third parties pass the role check only to be told
 * by the service which scope they lack (RegistryScope).
 */
public class AuditResource implements AuditApi {

    private final AuditLog audit;
    private final CallerProducer callers;

    public AuditResource(AuditLog audit, CallerProducer callers) {
        this.audit = audit;
        this.callers = callers;
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.THIRD_PARTY})
    @WithSession
    public Uni<Response> listAuditEntries(EntityTypeDto entityType, String entityId, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> audit.list(caller, entityType == null ? null : entityType.toString(), entityId, cursor, limit))
                .map(page -> Responses.ok(new AuditEntryPageDto()
                        .items(page.items().stream().map(AuditResource::toDto).toList())
                        .next(page.next())
                        .limit(page.limit())));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.THIRD_PARTY})
    @WithSession
    public Uni<Response> verifyAuditChain() {
        return callers.resolve().chain(audit::verify).map(v -> Responses.ok(new AuditVerificationDto()
                .intact(v.intact())
                .checkedEntries(v.checked())
                .firstBrokenSequence(v.firstBrokenSequence())
                .problem(v.problem())
                .verifiedAt(Times.utc(Times.now()))));
    }

    private static AuditEntryDto toDto(AuditEntry e) {
        return new AuditEntryDto()
                .sequence(e.sequence)
                .occurredAt(Times.utc(e.occurredAt))
                .actorSubject(e.actorSubject)
                .actorAgency(e.actorAgency)
                .clientId(e.clientId)
                .action(e.action)
                .entityType(EntityTypeDto.fromValue(e.entityType))
                .entityId(e.entityId)
                .beforeDigest(e.beforeDigest)
                .afterDigest(e.afterDigest)
                .reason(e.reason)
                .previousHash(e.previousHash)
                .hash(e.hash);
    }
}
