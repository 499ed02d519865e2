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
import org.ecogov.enforcement.api.model.EvidenceKindDto;
import org.ecogov.enforcement.api.model.EvidenceListDto;
import org.ecogov.enforcement.api.model.SigningPartyDto;
import org.ecogov.enforcement.mapping.EvidenceMapper;
import org.ecogov.enforcement.service.EvidenceService;
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
    private final EvidenceService evidence;
    private final io.vertx.mutiny.core.Vertx vertx;

    /** The request's headers: an evidence file's declared type, which its content must bear out. */
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.HttpHeaders headers;

    public InspectionResource(InspectionService inspections, CallerProducer callers, Idempotency idempotency,
            EvidenceService evidence, io.vertx.mutiny.core.Vertx vertx) {
        this.vertx = vertx;
        this.inspections = inspections;
        this.callers = callers;
        this.idempotency = idempotency;
        this.evidence = evidence;
    }

    @Override
    @Access(EnforcementAccess.RECORD_INSPECTIONS)
    public Uni<Response> uploadEvidence(String inspectionId, String idempotencyKey, EvidenceKindDto kind, String takenAt,
            java.io.File body, Double latitude, Double longitude, SigningPartyDto party) {
        jakarta.ws.rs.core.MediaType type = headers.getMediaType();
        // the local temporary file (at most a little above enforcement.evidence.max-bytes, the HTTP limit) is read
        // through Vert.x's asynchronous file system, never on the event loop
        return vertx.fileSystem().readFile(body.getPath()).map(buffer -> {
            EvidenceService.Upload upload = new EvidenceService.Upload(UUID.fromString(inspectionId), kind.toString(),
                    party == null ? null : party.toString(), InspectionMapper.instant("takenAt", takenAt), latitude,
                    longitude, type == null ? null : type.getType() + "/" + type.getSubtype(), buffer.getBytes());
            evidence.check(upload);
            return upload;
        }).chain(upload -> callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "uploadEvidence",
                upload.fingerprint(), () -> evidence.add(caller, upload).map(e -> Responses.created(
                        "/api/v1/evidence/" + e.id + "/content", EvidenceMapper.toDto(e))))));
    }

    @Override
    @Access(EnforcementAccess.RECORD_INSPECTIONS)
    public Uni<Response> removeEvidence(String inspectionId, String evidenceId, String ifMatch) {
        return callers.resolve()
                .chain(caller -> evidence.remove(caller, UUID.fromString(inspectionId), UUID.fromString(evidenceId),
                        ifMatch))
                .map(i -> Responses.ok(dto(i), i.version));
    }

    @Override
    @Access(EnforcementAccess.READ_INSPECTIONS)
    public Uni<Response> listEvidence(String inspectionId) {
        return callers.resolve().chain(caller -> evidence.list(caller, UUID.fromString(inspectionId)))
                .map(files -> Responses.ok(new EvidenceListDto().items(files.stream().map(EvidenceMapper::toDto).toList())));
    }

    @Override
    @Access(EnforcementAccess.READ_INSPECTIONS)
    public Uni<Response> getEvidenceContent(String evidenceId) {
        return callers.resolve().chain(caller -> evidence.content(caller, UUID.fromString(evidenceId)))
                .map(c -> Response.ok(c.bytes(), c.file().contentType).header("ETag", "\"" + c.file().sha256 + "\"")
                        .build());
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
