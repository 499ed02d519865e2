package org.ecogov.enforcement.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import org.ecogov.enforcement.api.InspectionsApi;
import org.ecogov.enforcement.api.model.InspectionChangesDto;
import org.ecogov.enforcement.api.model.InspectionCreateDto;
import org.ecogov.enforcement.api.model.InspectionDto;
import org.ecogov.enforcement.api.model.InspectionKindDto;
import org.ecogov.enforcement.api.model.InspectionPageDto;
import org.ecogov.enforcement.api.model.InspectionRecordDto;
import org.ecogov.enforcement.api.model.InspectionStatusDto;
import org.ecogov.enforcement.config.EnforcementAccess;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.mapping.InspectionMapper;
import org.ecogov.enforcement.service.InspectionService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.idempotency.Idempotency;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

/** Inspections over HTTP: the rules are InspectionService's, who may call what is config/EnforcementAccess. */
@Authenticated
public class InspectionResource implements InspectionsApi {

    private final InspectionService inspections;
    private final CallerProducer callers;
    private final Idempotency idempotency;

    public InspectionResource(InspectionService inspections, CallerProducer callers, Idempotency idempotency) {
        this.inspections = inspections;
        this.callers = callers;
        this.idempotency = idempotency;
    }

    @Override
    @Access(EnforcementAccess.ASSIGN_INSPECTIONS)
    public Uni<Response> createInspection(String idempotencyKey, InspectionCreateDto body) {
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "createInspection", body,
                () -> inspections.assign(caller, InspectionMapper.draft(body))
                        .map(i -> Responses.created("/api/v1/inspections/" + i.id, dto(i), i.version))));
    }

    @Override
    @Access(EnforcementAccess.READ_INSPECTIONS)
    public Uni<Response> getInspection(String inspectionId) {
        return callers.resolve()
                .chain(caller -> inspections.get(caller, UUID.fromString(inspectionId)))
                .map(i -> Responses.ok(dto(i), i.version));
    }

    @Override
    @Access(EnforcementAccess.RECORD_INSPECTIONS)
    public Uni<Response> recordInspection(String inspectionId, InspectionRecordDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> inspections.record(caller, UUID.fromString(inspectionId), ifMatch,
                        InspectionMapper.draft(body)))
                .map(i -> Responses.ok(dto(i), i.version));
    }

    @Override
    @Access(EnforcementAccess.READ_INSPECTIONS)
    public Uni<Response> listInspections(String enterpriseUscc, InspectionStatusDto status, InspectionKindDto kind,
            String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> inspections.list(caller, enterpriseUscc, status == null ? null : status.toString(),
                        kind == null ? null : kind.toString(), cursor, limit))
                .map(page -> Responses.ok(new InspectionPageDto().items(page.map(this::dto).items())
                        .next(page.next()).limit(page.limit())));
    }

    @Override
    @Access(EnforcementAccess.READ_CHANGES)
    public Uni<Response> listInspectionChanges(String since, Integer limit) {
        return callers.resolve()
                .chain(caller -> inspections.changes(caller, since, limit))
                .map(changes -> Responses.ok(new InspectionChangesDto()
                        .items(changes.items().stream().map(this::dto).toList())
                        .next(Long.toString(changes.next())).limit(limit)));
    }

    private InspectionDto dto(Inspection i) {
        return InspectionMapper.toDto(i, inspections.checklist(i), inspections.findings(i));
    }
}
