package org.ecogov.enforcement.mapping;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.ecogov.enforcement.api.model.AuditFieldsDto;
import org.ecogov.enforcement.api.model.ChecklistAnswerDto;
import org.ecogov.enforcement.api.model.ChecklistItemDto;
import org.ecogov.enforcement.api.model.FindingDto;
import org.ecogov.enforcement.api.model.GeoPointDto;
import org.ecogov.enforcement.api.model.InspectionCreateDto;
import org.ecogov.enforcement.api.model.InspectionDto;
import org.ecogov.enforcement.api.model.InspectionKindDto;
import org.ecogov.enforcement.api.model.InspectionRecordDto;
import org.ecogov.enforcement.api.model.InspectionStatusDto;
import org.ecogov.enforcement.api.model.LocationCheckDto;
import org.ecogov.enforcement.api.model.PollutantCodeDto;
import org.ecogov.enforcement.api.model.RectificationFindingDto;
import org.ecogov.enforcement.domain.ChecklistEntry;
import org.ecogov.enforcement.domain.FindingEntry;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionKind;
import org.ecogov.enforcement.domain.InspectionStatus;
import org.ecogov.enforcement.service.InspectionDraft;
import org.ecogov.enforcement.service.InspectionRecordDraft;
import org.ecogov.runtime.persistence.Versioned;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.time.Clock;

/** Inspections between the contract's models and the domain. */
public final class InspectionMapper {

    private InspectionMapper() {
    }

    public static InspectionDraft draft(InspectionCreateDto body) {
        return new InspectionDraft(InspectionKind.of(body.getKind().toString()), body.getEnterpriseUscc(),
                List.copyOf(body.getInspectors()), date("scheduledFor", body.getScheduledFor()), body.getComplaintId(),
                body.getExceedanceId(), body.getDecisionId());
    }

    public static InspectionRecordDraft draft(InspectionRecordDto body) {
        GeoPointDto at = body.getLocation();
        return new InspectionRecordDraft(InspectionStatus.of(body.getStatus().toString()), instant("arrivedAt", body.getArrivedAt()),
                instant("leftAt", body.getLeftAt()), at == null ? null : at.getLatitude(), at == null ? null : at.getLongitude(),
                body.getChecklist() == null ? null : body.getChecklist().stream()
                        .map(c -> new ChecklistEntry(c.getCode(), c.getQuestion(), c.getAnswer().toString(), c.getNote()))
                        .toList(),
                body.getFindings() == null ? null : body.getFindings().stream()
                        .map(f -> new FindingEntry(f.getCode(), f.getDescription(), Boolean.TRUE.equals(f.getViolation()),
                                f.getOutletCode(), f.getPollutantCode() == null ? null : f.getPollutantCode().toString()))
                        .toList(),
                body.getRectificationFinding() == null ? null : body.getRectificationFinding().toString());
    }

    public static InspectionDto toDto(Inspection i, List<ChecklistEntry> checklist, List<FindingEntry> findings) {
        InspectionDto dto = new InspectionDto()
                .id(i.id.toString())
                .kind(InspectionKindDto.fromValue(i.kind))
                .enterpriseUscc(i.enterpriseUscc)
                .enterpriseName(i.enterpriseName)
                .divisionCode(i.divisionCode)
                .inspectors(List.copyOf(i.inspectors))
                .scheduledFor(i.scheduledFor == null ? null : i.scheduledFor.toString())
                .complaintId(i.complaintId)
                .exceedanceId(i.exceedanceId)
                .decisionId(i.decisionId)
                .status(InspectionStatusDto.fromValue(i.status))
                .arrivedAt(Clock.utc(i.arrivedAt))
                .leftAt(Clock.utc(i.leftAt))
                .checklist(checklist.stream().map(c -> new ChecklistItemDto().code(c.code()).question(c.question())
                        .answer(ChecklistAnswerDto.fromValue(c.answer())).note(c.note())).toList())
                .findings(findings.stream().map(f -> new FindingDto().code(f.code()).description(f.description())
                        .violation(f.violation()).outletCode(f.outletCode()).pollutantCode(f.pollutantCode() == null ? null : PollutantCodeDto.fromValue(f.pollutantCode()))).toList())
                .rectificationFinding(i.rectificationFinding == null ? null
                        : RectificationFindingDto.fromValue(i.rectificationFinding))
                .cancellationReason(i.cancellationReason)
                .audit(audit(i));
        if (i.latitude != null) {
            dto.location(new GeoPointDto().latitude(i.latitude).longitude(i.longitude));
        }
        if (i.distanceMetres != null) {
            dto.locationCheck(new LocationCheckDto().distanceMetres(i.distanceMetres)
                    .thresholdMetres(i.distanceThresholdMetres).warning(Boolean.TRUE.equals(i.distanceWarning)));
        }
        return dto;
    }

    public static AuditFieldsDto audit(Versioned v) {
        return new AuditFieldsDto()
                .createdAt(Clock.utc(v.createdAt))
                .createdBy(v.createdBy)
                .updatedAt(Clock.utc(v.updatedAt))
                .updatedBy(v.updatedBy)
                .version(v.version);
    }

    public static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, "not a calendar date: " + value);
        }
    }

    public static java.time.Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, "not a date-time: " + value);
        }
    }
}
