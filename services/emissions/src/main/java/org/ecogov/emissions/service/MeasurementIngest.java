package org.ecogov.emissions.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.config.EmissionsConfig;
import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.emissions.repository.LimitCopy.CopiedEnterprise;
import org.ecogov.emissions.domain.Measurement;
import org.ecogov.emissions.domain.MeasurementKind;
import org.ecogov.emissions.repository.ExceedanceStore;
import org.ecogov.emissions.repository.MeasurementStore;
import org.ecogov.emissions.service.BatchReader.Format;
import org.ecogov.emissions.service.BatchReader.RowError;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.SqlConnectionSql;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Bulk ingest of monitoring values: who may send for the enterprise, a batch id seen before answered as a replay,
 * every row checked (the valid ones kept, the others listed), the values stored in one transaction with the batch's
 * record and its audit entry. It reads only the service's own tables: no other service is called, per batch or per
 * value.
 */
@ApplicationScoped
public class MeasurementIngest {

    /** How many refused rows an answer lists; a 422's problem lists at most 100 (common.yaml). */
    static final int LISTED_ERRORS = 1000;

    /** The answer to a batch, as stored for replays. */
    public record Result(UUID batchId, String uscc, String format, int rows, int accepted, int duplicates, int rejected,
            boolean replayed, Instant receivedAt, List<RowError> errors, boolean errorsTruncated) {

        Result asReplay() {
            return new Result(batchId, uscc, format, rows, accepted, duplicates, rejected, true, receivedAt, errors,
                    errorsTruncated);
        }
    }

    private final LimitCopy copy;
    private final MeasurementStore store;
    private final DataScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final EmissionsConfig config;
    private final ObjectMapper json;

    private final PartitionMaintenance partitions;
    private final ExceedanceStore exceedances;
    private final LateValues lateValues;

    public MeasurementIngest(LimitCopy copy, MeasurementStore store, DataScope scope, AuditLog audit, Clock clock,
            EmissionsConfig config, ObjectMapper json, PartitionMaintenance partitions, ExceedanceStore exceedances,
            LateValues lateValues) {
        this.lateValues = lateValues;
        this.partitions = partitions;
        this.exceedances = exceedances;
        this.copy = copy;
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.config = config;
    }

    public Uni<Result> ingest(Caller caller, String uscc, UUID batchId, Format format, String body) {
        String digest = sha256(body);
        return admitted(caller, uscc)
                .chain(() -> store.batch(batchId))
                .chain(stored -> stored.isPresent() ? Uni.createFrom().item(replay(stored.get(), uscc, digest))
                        : store.outletsOf(uscc)
                                .emitOn(Infrastructure.getDefaultWorkerPool())
                                .map(outlets -> new BatchReader(json, window(), outlets).read(format, body))
                                .chain(read -> store(caller, uscc, batchId, format, digest, read)));
    }

    /** The enterprise must be in the caller's scope; a key's organisation must be bound to it. */
    private Uni<CopiedEnterprise> admitted(Caller caller, String uscc) {
        ProblemException notFound = ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_FOUND, "No enterprise " + uscc + ".");
        return copy.enterprise(uscc).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(notFound);
            }
            CopiedEnterprise enterprise = found.get();
            if (caller.isThirdParty()) {
                return store.isBound(uscc, caller.organisation()).map(bound -> {
                    if (!bound) {
                        throw ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_BOUND, "The organisation "
                                + caller.organisation() + " is not bound to enterprise " + uscc
                                + ": its keys may not send its values.");
                    }
                    return enterprise;
                });
            }
            if (!scope.canSee(caller, enterprise.divisionCode(), uscc)) {
                return Uni.createFrom().failure(notFound);
            }
            return Uni.createFrom().item(enterprise);
        });
    }

    private MeasurementWindow window() {
        return MeasurementWindow.at(clock.now(), config.measurements().monthsBack(),
                config.measurements().futureTolerance());
    }

    private Uni<Result> store(Caller caller, String uscc, UUID batchId, Format format, String digest, BatchReader.Read read) {
        if (read.rows() > BatchReader.MAX_ROWS) {
            throw ProblemException.of(ProblemType.VALIDATION_FAILED, "A batch holds at most " + BatchReader.MAX_ROWS
                    + " rows.");
        }
        if (read.valid().isEmpty()) {
            throw ProblemException.fields(EmissionsProblem.BATCH_REJECTED, read.rows() == 0 && read.errors().isEmpty()
                            ? "The batch holds no rows." : "None of the batch's " + read.rows() + " rows is valid; nothing was stored.",
                    read.errors().stream().limit(100)
                            .map(e -> new FieldViolation("rows[" + e.row() + "]" + (e.field().isEmpty() ? "" : "." + e.field()),
                                    e.message()))
                            .toList());
        }
        Instant at = clock.now();
        // normally made ahead long before; a month the maintenance has not reached yet (it runs every few hours) is
        // made here, before the transaction, rather than refusing a value the window accepts
        Instant first = read.valid().stream().map(m -> m.time()).min(Instant::compareTo).orElseThrow();
        Instant last = read.valid().stream().map(m -> m.time()).max(Instant::compareTo).orElseThrow();
        return partitions.ensure(first, last).chain(() -> store.pool().withTransaction(conn -> store.claim(conn, batchId, uscc, digest, at, caller.actor())
                        .chain(claimed -> {
                            if (!claimed) {
                                return Uni.createFrom().<Result>nullItem();
                            }
                            return exceedances.lastStored(conn, uscc, judgedSeries(read.valid()))
                                    .chain(lastStored -> store.insert(conn, uscc, batchId, at, read.valid())
                                            .call(() -> judge(conn, uscc, batchId, read.valid(), lastStored, at)))
                                    .chain(inserted -> {
                                List<RowError> listed = read.errors().stream().limit(LISTED_ERRORS).toList();
                                Result result = new Result(batchId, uscc, format.value(), read.rows(), inserted,
                                        read.valid().size() - inserted, read.errors().size(), false, at, listed,
                                        read.errors().size() > LISTED_ERRORS);
                                return audit.append(new SqlConnectionSql(conn), caller, new AuditLog.Change(
                                                "ingest-measurements", "measurement-batch", batchId.toString(), null,
                                                Map.of("uscc", uscc, "rows", read.rows(), "accepted", inserted,
                                                        "duplicates", result.duplicates(), "rejected", result.rejected(),
                                                        "bodySha256", digest), null))
                                        .chain(() -> store.answer(conn, batchId, write(result)))
                                        .replaceWith(result);
                            });
                        }))
                )
                // another request stored the same batch id meanwhile: answer as to any replay
                .chain(result -> result != null ? Uni.createFrom().item(result)
                        : store.batch(batchId).map(stored -> replay(stored.orElseThrow(), uscc, digest)));
    }

    private static Set<Judgement.Series> judgedSeries(List<Measurement> values) {
        Set<Judgement.Series> series = new HashSet<>();
        for (Measurement v : values) {
            if (v.kind() == MeasurementKind.HOURLY || v.kind() == MeasurementKind.DAILY) {
                series.add(new Judgement.Series(v.outlet(), v.pollutant(), v.kind()));
            }
        }
        return series;
    }

    /**
     * Judges the values against the copy's limits: those after the latest period their series held before this batch
     * in time order, carrying on the open exceedances and gaps (Judgement); then the late ones this batch stored
     * (LateValues).
     */
    private Uni<Void> judge(SqlConnection conn, String uscc, UUID batchId, List<Measurement> values,
            Map<Judgement.Series, Instant> lastStored, Instant at) {
        ZoneId zone = config.reports().zone();
        List<Measurement> inOrder = new ArrayList<>(values.size());
        List<Measurement> late = new ArrayList<>();
        for (Measurement v : values) {
            if (v.kind() != MeasurementKind.HOURLY && v.kind() != MeasurementKind.DAILY) {
                continue;
            }
            Instant last = lastStored.get(new Judgement.Series(v.outlet(), v.pollutant(), v.kind()));
            if (last != null && !Judgement.period(v, zone).isAfter(Judgement.period(
                    new Measurement(v.outlet(), v.pollutant(), v.kind(), last, null, null, null, v.flag()), zone))) {
                late.add(v);
            } else {
                inOrder.add(v);
            }
        }
        return exceedances.limits(conn, uscc)
                .chain(limits -> exceedances.permits(conn, uscc, zone)
                        .chain(permits -> exceedances.openRuns(conn, uscc)
                        .chain(runs -> exceedances.openGaps(conn, uscc)
                                .chain(gaps -> {
                                    Judgement.Outcome outcome = Judgement.judge(inOrder, limits, permits, runs, gaps, zone);
                                    return exceedances.saveRuns(conn, uscc, outcome.runs(), at)
                                            .chain(() -> exceedances.saveGaps(conn, uscc, outcome.gaps(), at));
                                })
                                .chain(() -> late.isEmpty() ? Uni.createFrom().voidItem()
                                        : exceedances.storedBy(conn, uscc, batchId, late)
                                                .chain(stored -> lateValues.judge(conn, uscc, late.stream()
                                                        .filter(v -> stored.contains(v.key())).toList(), limits,
                                                        permits, zone, at))))))
                .chain(() -> exceedances.activity(conn, uscc, values, at));
    }

    private Result replay(MeasurementStore.StoredBatch stored, String uscc, String digest) {
        if (!stored.uscc().equals(uscc) || !stored.bodySha256().equals(digest)) {
            throw ProblemException.of(EmissionsProblem.BATCH_ID_REUSED, "This batch id was used for another batch"
                    + " (another enterprise or other rows); send a new batch under a new id.");
        }
        try {
            return json.readValue(stored.answer(), Result.class).asReplay();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer of a batch unreadable", e);
        }
    }

    private String write(Result result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
