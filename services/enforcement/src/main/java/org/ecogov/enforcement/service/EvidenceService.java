package org.ecogov.enforcement.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.enforcement.config.EnforcementConfig;
import org.ecogov.enforcement.domain.EnforcementProblem;
import org.ecogov.enforcement.domain.EvidenceBytes;
import org.ecogov.enforcement.domain.EvidenceTypes;
import org.ecogov.enforcement.domain.EvidenceFile;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionStatus;
import org.ecogov.enforcement.repository.CaseRepository;
import org.ecogov.enforcement.repository.InspectionRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

/**
 * Evidence files of inspections: photos and PDFs, and the parties' signatures as images. Whoever may record an
 * inspection adds them (also after it is completed: uploads come late from the field); whoever may read it reads
 * them. A file is checked by its content ({@link EvidenceTypes}), never by a name, limited to
 * {@code enforcement.evidence.max-bytes}, and stored whole with its SHA-256, the time and position it was taken.
 */
@ApplicationScoped
public class EvidenceService {

    /** How far ahead of the service's clock a phone's clock may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    /** What the phone says of a file besides its bytes. */
    public record Upload(UUID inspectionId, String kind, String party, Instant takenAt, Double latitude,
            Double longitude, String declaredType, byte[] content) {

        /** The request as a retry must repeat it (the bytes by their SHA-256), for the Idempotency-Key check. */
        public Map<String, Object> fingerprint() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("inspectionId", inspectionId.toString());
            f.put("kind", kind);
            f.put("party", party);
            f.put("takenAt", takenAt.toString());
            f.put("latitude", latitude);
            f.put("longitude", longitude);
            f.put("contentType", declaredType);
            f.put("sha256", sha256(content));
            return f;
        }
    }

    private final InspectionRepository inspections;
    private final CaseRepository cases;
    private final AuditLog audit;
    private final EnforcementConfig config;
    private final Clock clock;

    public EvidenceService(InspectionRepository inspections, CaseRepository cases, AuditLog audit,
            EnforcementConfig config, Clock clock) {
        this.inspections = inspections;
        this.cases = cases;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Checks what needs no database: the metadata, the size, the content against its declared type and its kind. */
    public void check(Upload upload) {
        List<FieldViolation> violations = new ArrayList<>();
        if ("signature".equals(upload.kind()) != (upload.party() != null)) {
            violations.add(new FieldViolation("party", "signature".equals(upload.kind())
                    ? "a signature names its party" : "only a signature names a party"));
        }
        if ((upload.latitude() == null) != (upload.longitude() == null)) {
            violations.add(new FieldViolation(upload.latitude() == null ? "latitude" : "longitude",
                    "a position needs both latitude and longitude"));
        }
        if (upload.takenAt().isAfter(clock.now().plus(CLOCK_SKEW))) {
            violations.add(new FieldViolation("takenAt", "lies in the future"));
        }
        if (upload.content().length == 0) {
            violations.add(new FieldViolation("content", "the file is empty"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "the evidence's description is inconsistent",
                    violations);
        }
        if (upload.content().length > config.evidence().maxBytes()) {
            throw ProblemException.of(ProblemType.BODY_TOO_LARGE, "an evidence file is at most "
                    + config.evidence().maxBytes() + " bytes; this one is " + upload.content().length);
        }
        String found = EvidenceTypes.typeOf(upload.content()).orElse(null);
        if (found == null || !found.equals(upload.declaredType())) {
            throw ProblemException.field(EnforcementProblem.EVIDENCE_CONTENT_REFUSED, "content",
                    "declared " + upload.declaredType() + " but the content is "
                            + (found == null ? "none of JPEG, PNG or PDF" : found));
        }
        if (!EvidenceTypes.fits(upload.kind(), found)) {
            throw ProblemException.field(EnforcementProblem.EVIDENCE_CONTENT_REFUSED, "kind",
                    "a " + upload.kind() + " is " + ("document".equals(upload.kind()) ? "a PDF" : "an image")
                            + ", not " + found);
        }
    }

    public Uni<EvidenceFile> add(Caller caller, Upload upload) {
        check(upload);
        return Panache.withTransaction(() -> inspections.find(upload.inspectionId())
                .map(i -> InspectionService.visible(caller, i))
                .chain(i -> {
                    EvidenceFile e = new EvidenceFile();
                    e.id = UUID.randomUUID();
                    e.inspectionId = i.id;
                    e.kind = upload.kind();
                    e.party = upload.party();
                    e.contentType = upload.declaredType();
                    e.size = upload.content().length;
                    e.sha256 = sha256(upload.content());
                    e.takenAt = upload.takenAt();
                    e.latitude = upload.latitude();
                    e.longitude = upload.longitude();
                    e.receivedAt = clock.now();
                    e.uploadedBy = caller.actor();
                    EvidenceBytes bytes = new EvidenceBytes();
                    bytes.evidenceId = e.id;
                    bytes.content = upload.content();
                    return e.<EvidenceFile>persist().call(() -> bytes.persist()).call(() -> Panache.getSession()
                            .chain(session -> session.flush()));
                })
                .call(e -> audit.append(caller, new AuditLog.Change("evidence-added", "inspection",
                        e.inspectionId.toString(), null, state(e), null))));
    }

    /**
     * Removes a wrong file while its inspection is open: a change of the inspection under its {@code If-Match} (its
     * version and change number go up, so the pair's feed shows it). Never once the inspection is completed
     * (409 {@code inspection-closed}) nor while a violation of a case names the file (409 {@code evidence-referenced}
     * naming the cases). The file's row is locked first, so a case naming it concurrently either commits before
     * (and the removal is refused) or finds it gone (422 {@code evidence-unknown}). The record and the bytes go;
     * the audit entry keeps the file's description with its SHA-256 (in its reason, since entries keep only
     * digests of states).
     */
    public Uni<Inspection> remove(Caller caller, UUID inspectionId, UUID evidenceId, String ifMatch) {
        EntityTags.requireVersion(ifMatch);
        return Panache.withTransaction(() -> inspections.lock(inspectionId).chain(found -> {
            Inspection i = InspectionService.visible(caller, found);
            EntityTags.checkCurrent(ifMatch, i.version);
            return EvidenceFile.<EvidenceFile>findById(evidenceId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                    .chain(e -> {
                        if (e == null || !e.inspectionId.equals(i.id)) {
                            throw ProblemException.of(EnforcementProblem.EVIDENCE_NOT_FOUND,
                                    "inspection " + inspectionId + " has no evidence file " + evidenceId);
                        }
                        if (i.status().closed()) {
                            throw ProblemException.of(EnforcementProblem.INSPECTION_CLOSED, "inspection " + inspectionId
                                    + " is " + i.status().value() + ": its evidence stays as it was recorded");
                        }
                        return cases.citingEvidence(e.id).chain(citing -> {
                            if (!citing.isEmpty()) {
                                throw ProblemException.of(EnforcementProblem.EVIDENCE_REFERENCED, "evidence file "
                                        + e.id + " is named as evidence by a violation of case " + String.join(", ", citing)
                                        + "; change the violations first");
                            }
                            return inspections.nextChangeNumber().chain(change -> {
                                i.changeSeq = change;
                                i.stampUpdated(caller.actor(), clock.now());
                                return EvidenceBytes.deleteById(e.id).chain(() -> e.delete())
                                        .call(() -> Panache.getSession().chain(session -> session.flush()))
                                        .call(() -> audit.append(caller, new AuditLog.Change("evidence-removed",
                                                "inspection", i.id.toString(), state(e), null, removed(e))))
                                        .replaceWith(i);
                            });
                        });
                    });
        }));
    }

    /** What the audit keeps of a removed file, readable: it is no longer anywhere else. */
    private static String removed(EvidenceFile e) {
        return "removed evidence file " + e.id + " (" + e.kind + (e.party == null ? "" : " of the " + e.party) + ", "
                + e.contentType + ", " + e.size + " bytes, taken " + e.takenAt + ", received " + e.receivedAt + " from "
                + e.uploadedBy + ", SHA-256 " + e.sha256 + ")";
    }

    /** The inspection's evidence files, oldest first, without their bytes. */
    public Uni<List<EvidenceFile>> list(Caller caller, UUID inspectionId) {
        return Panache.withSession(() -> inspections.find(inspectionId)
                .map(i -> InspectionService.visible(caller, i))
                .chain(i -> EvidenceFile.<EvidenceFile>find("inspectionId = ?1 order by receivedAt, id", i.id).list()));
    }

    /** A file with its bytes. */
    public record Content(EvidenceFile file, byte[] bytes) {
    }

    /** The file with its bytes, if the caller may read its inspection; else 404. */
    public Uni<Content> content(Caller caller, UUID evidenceId) {
        return Panache.withSession(() -> EvidenceFile.<EvidenceFile>findById(evidenceId)
                .chain(e -> e == null ? Uni.createFrom().<EvidenceFile>nullItem() : inspections.find(e.inspectionId)
                        .map(i -> i != null && InspectionService.sees(caller, i) ? e : null))
                .chain(e -> {
                    if (e == null) {
                        throw ProblemException.of(EnforcementProblem.EVIDENCE_NOT_FOUND, "no such evidence file");
                    }
                    return EvidenceBytes.<EvidenceBytes>findById(e.id).map(b -> new Content(e, b.content));
                }));
    }

    /** Lower-case hexadecimal SHA-256 of the bytes (evidence files; a plan's seed as text). */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Map<String, Object> state(EvidenceFile e) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("evidenceId", e.id.toString());
        state.put("kind", e.kind);
        state.put("party", String.valueOf(e.party));
        state.put("contentType", e.contentType);
        state.put("size", e.size);
        state.put("sha256", e.sha256);
        state.put("takenAt", e.takenAt.toString());
        state.put("location", e.latitude == null ? "none" : e.latitude + "," + e.longitude);
        return state;
    }
}
