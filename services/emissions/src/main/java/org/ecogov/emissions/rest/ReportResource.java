package org.ecogov.emissions.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.ReportsApi;
import org.ecogov.emissions.api.model.PeriodKindDto;
import org.ecogov.emissions.api.model.PollutantCodeDto;
import org.ecogov.emissions.api.model.ReportCorrectionDto;
import org.ecogov.emissions.api.model.ReportDraftDto;
import org.ecogov.emissions.api.model.ReportDto;
import org.ecogov.emissions.api.model.ReportPageDto;
import org.ecogov.emissions.api.model.ReportReturnDto;
import org.ecogov.emissions.api.model.ReportStatusDto;
import org.ecogov.emissions.api.model.ReportValueDto;
import org.ecogov.emissions.api.model.ReportVersionDto;
import org.ecogov.emissions.api.model.ReportWithHistoryDto;
import org.ecogov.emissions.config.EmissionsAccess;
import org.ecogov.emissions.domain.Report;
import org.ecogov.emissions.service.ReadingService;
import org.ecogov.emissions.service.ReportService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.idempotency.Idempotency;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Self-monitoring reports: drafts, submission, acceptance or return, versions (ReportService). */
@Authenticated
public class ReportResource implements ReportsApi {

    private static final int DEFAULT_PAGE = 20;

    private final ReportService reports;
    private final CallerProducer callers;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Clock clock;

    public ReportResource(ReportService reports, CallerProducer callers, Idempotency idempotency, ObjectMapper json,
            Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.callers = callers;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Override
    @Access(EmissionsAccess.WRITE_REPORTS)
    public Uni<Response> createReport(String uscc, ReportDraftDto body, String idempotencyKey) {
        LocalDate start = date("periodStart", body.getPeriodStart());
        body.getValues().forEach(v -> ReadingService.time("values.sampledAt", v.getSampledAt()));
        ReportService.Draft draft = new ReportService.Draft(body.getOutletCode(), body.getPollutant().toString(),
                body.getPeriodKind().toString(), start, body.getUnit(), write(body.getValues()));
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "createReport",
                Map.of("uscc", uscc, "body", body),
                () -> reports.create(caller, uscc, draft).map(r -> Responses.created(location(r), dto(r)))));
    }

    @Override
    @Access(EmissionsAccess.WRITE_REPORTS)
    public Uni<Response> createReportVersion(String uscc, String reportId, ReportCorrectionDto body,
            String idempotencyKey) {
        body.getValues().forEach(v -> ReadingService.time("values.sampledAt", v.getSampledAt()));
        String values = write(body.getValues());
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "createReportVersion",
                Map.of("uscc", uscc, "reportId", reportId, "body", body),
                () -> reports.correct(caller, uscc, UUID.fromString(reportId), body.getUnit(), values)
                        .map(r -> Responses.created(location(r), dto(r)))));
    }

    /** A list cursor's key: the last report's period start, outlet, pollutant and period kind. */
    private static final java.util.regex.Pattern LIST_KEY = java.util.regex.Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})\\|([A-Za-z0-9]{1,5})\\|([A-Za-z0-9]{1,6})\\|(month|quarter|year)");

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> listReports(String uscc, ReportStatusDto status, Boolean overdue, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        String key = PageCursor.decode(cursor, k -> {
            java.util.regex.Matcher m = LIST_KEY.matcher(k);
            if (!m.matches()) {
                return false;
            }
            try {
                LocalDate.parse(m.group(1));
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        });
        ReportService.ListKey after = null;
        if (key != null) {
            String[] parts = key.split("\\|");
            after = new ReportService.ListKey(LocalDate.parse(parts[0]), parts[1], parts[2], parts[3]);
        }
        ReportService.ListKey from = after;
        return callers.resolve()
                .chain(caller -> reports.list(caller, uscc, status == null ? null : status.toString(), overdue, from,
                        size + 1))
                .map(rows -> {
                    List<Report> page = rows.stream().limit(size).toList();
                    Report last = page.isEmpty() ? null : page.get(page.size() - 1);
                    return Responses.ok(new ReportPageDto()
                            .items(page.stream().map(this::dto).toList())
                            .next(rows.size() > size ? PageCursor.encode(last.periodStart + "|" + last.outletCode + "|"
                                    + last.pollutant + "|" + last.periodKind) : null)
                            .limit(size));
                });
    }

    @Override
    @Access(EmissionsAccess.WRITE_REPORTS)
    public Uni<Response> updateReport(String uscc, String reportId, ReportCorrectionDto body, String ifMatch) {
        body.getValues().forEach(v -> ReadingService.time("values.sampledAt", v.getSampledAt()));
        String values = write(body.getValues());
        return callers.resolve()
                .chain(caller -> reports.update(caller, uscc, UUID.fromString(reportId), ifMatch, body.getUnit(), values))
                .map(r -> Responses.ok(dto(r), r.revision));
    }

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> getReport(String uscc, String reportId) {
        return callers.resolve()
                .chain(caller -> reports.get(caller, uscc, UUID.fromString(reportId)))
                .map(found -> Responses.ok(new ReportWithHistoryDto()
                        .report(dto(found.getKey()))
                        .history(found.getValue().stream().map(r -> new ReportVersionDto()
                                .id(r.id.toString()).version(r.version).status(ReportStatusDto.fromValue(r.status))
                                .late(r.late).createdAt(Clock.utc(r.createdAt)).submittedAt(utc(r.submittedAt))
                                .decidedAt(utc(r.decidedAt))).toList()), found.getKey().revision));
    }

    @Override
    @Access(EmissionsAccess.WRITE_REPORTS)
    public Uni<Response> submitReport(String uscc, String reportId) {
        return callers.resolve()
                .chain(caller -> reports.submit(caller, uscc, UUID.fromString(reportId)))
                .map(r -> Responses.ok(dto(r)));
    }

    @Override
    @Access(EmissionsAccess.DECIDE_REPORTS)
    public Uni<Response> acceptReport(String uscc, String reportId) {
        return callers.resolve()
                .chain(caller -> reports.accept(caller, uscc, UUID.fromString(reportId)))
                .map(r -> Responses.ok(dto(r)));
    }

    @Override
    @Access(EmissionsAccess.DECIDE_REPORTS)
    public Uni<Response> returnReport(String uscc, String reportId, ReportReturnDto body) {
        String reasons = write(body.getReasons());
        return callers.resolve()
                .chain(caller -> reports.giveBack(caller, uscc, UUID.fromString(reportId), reasons))
                .map(r -> Responses.ok(dto(r)));
    }

    private static String location(Report r) {
        return "/api/v1/emissions/enterprises/" + r.uscc + "/reports/" + r.id;
    }

    private ReportDto dto(Report r) {
        return new ReportDto()
                .id(r.id.toString())
                .enterpriseUscc(r.uscc)
                .outletCode(r.outletCode)
                .pollutant(PollutantCodeDto.fromValue(r.pollutant))
                .periodKind(PeriodKindDto.fromValue(r.periodKind))
                .periodStart(r.periodStart.toString())
                .periodEnd(r.periodEnd.toString())
                .version(r.version)
                .corrects(r.corrects == null ? null : r.corrects.toString())
                .status(ReportStatusDto.fromValue(r.status))
                .unit(r.unit)
                .values(read(r.measuredValues, new TypeReference<List<ReportValueDto>>() { }))
                .late(r.late)
                .overdue(r.overdue(clock.now()))
                .dueAt(Clock.utc(r.dueAt))
                .createdAt(Clock.utc(r.createdAt))
                .submittedAt(utc(r.submittedAt))
                .decidedAt(utc(r.decidedAt))
                .returnReasons(r.returnReasons == null ? null : read(r.returnReasons, new TypeReference<List<String>>() { }));
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, "not a calendar day: " + text);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.time.OffsetDateTime utc(java.time.Instant at) {
        return at == null ? null : Clock.utc(at);
    }
}
