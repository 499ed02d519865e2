package org.ecogov.emissions.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.ExceedancesApi;
import org.ecogov.emissions.api.ReadingsApi;
import org.ecogov.emissions.api.model.AggregateBucketDto;
import org.ecogov.emissions.api.model.AggregatesDto;
import org.ecogov.emissions.api.model.AnnualDischargeDto;
import org.ecogov.emissions.api.model.BucketDto;
import org.ecogov.emissions.api.model.DataGapDto;
import org.ecogov.emissions.api.model.DataGapPageDto;
import org.ecogov.emissions.api.model.EvidenceDto;
import org.ecogov.emissions.api.model.ExceedanceDetailDto;
import org.ecogov.emissions.api.model.ExceedanceDto;
import org.ecogov.emissions.api.model.ExceedancePageDto;
import org.ecogov.emissions.api.model.FlagDto;
import org.ecogov.emissions.api.model.GapReasonDto;
import org.ecogov.emissions.api.model.MeasurementKindDto;
import org.ecogov.emissions.api.model.PollutantCodeDto;
import org.ecogov.emissions.api.model.PollutantDischargeDto;
import org.ecogov.emissions.api.model.RecordStatusDto;
import org.ecogov.emissions.api.model.SeriesDto;
import org.ecogov.emissions.api.model.SeriesValueDto;
import org.ecogov.emissions.config.EmissionsAccess;
import org.ecogov.emissions.domain.DataFlag;
import org.ecogov.emissions.repository.ReadingStore.ExceedanceRow;
import org.ecogov.emissions.repository.ReadingStore.Filter;
import org.ecogov.emissions.repository.ReadingStore.GapRow;
import org.ecogov.emissions.service.ReadingService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Reading exceedances, data gaps, series, aggregates and annual discharge (ReadingService). */
@Authenticated
public class ReadingResource implements ExceedancesApi, ReadingsApi {

    private static final int DEFAULT_PAGE = 20;

    private final ReadingService readings;
    private final CallerProducer callers;

    public ReadingResource(ReadingService readings, CallerProducer callers) {
        this.readings = readings;
        this.callers = callers;
    }

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> listExceedances(String uscc, String outlet, PollutantCodeDto pollutant, RecordStatusDto status,
            String from, String to, String cursor, Integer limit) {
        Filter filter = new Filter(outlet, text(pollutant), text(status), null, ReadingService.time("from", from),
                ReadingService.time("to", to));
        int size = limit == null ? DEFAULT_PAGE : limit;
        return callers.resolve()
                .chain(caller -> readings.exceedances(caller, uscc, filter, cursor, size))
                .map(page -> Responses.ok(new ExceedancePageDto()
                        .items(page.items().stream().map(ReadingResource::dto).toList())
                        .next(page.next()).limit(size)));
    }

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> getExceedance(String uscc, String exceedanceId) {
        return callers.resolve()
                .chain(caller -> readings.exceedance(caller, uscc, UUID.fromString(exceedanceId)))
                .map(found -> Responses.ok(new ExceedanceDetailDto()
                        .exceedance(dto(found.getKey()))
                        .evidence(found.getValue().stream().map(e -> new EvidenceDto().period(Clock.utc(e.period()))
                                .value(number(e.value())).limit(number(e.limit()))).toList())));
    }

    @Override
    @Access(EmissionsAccess.READ_MONITORING)
    public Uni<Response> listDataGaps(String uscc, String outlet, RecordStatusDto status, GapReasonDto reason,
            String from, String to, String cursor, Integer limit) {
        Filter filter = new Filter(outlet, null, text(status), text(reason), ReadingService.time("from", from),
                ReadingService.time("to", to));
        int size = limit == null ? DEFAULT_PAGE : limit;
        return callers.resolve()
                .chain(caller -> readings.gaps(caller, uscc, filter, cursor, size))
                .map(page -> Responses.ok(new DataGapPageDto()
                        .items(page.items().stream().map(ReadingResource::dto).toList())
                        .next(page.next()).limit(size)));
    }

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> getSeries(String uscc, String code, PollutantCodeDto pollutant, String from, String to,
            MeasurementKindDto kind) {
        ReadingService.Range range = ReadingService.range(from, to);
        String kindText = kind == null ? "hourly" : kind.toString();
        return callers.resolve()
                .chain(caller -> readings.series(caller, uscc, code, pollutant.toString(), kindText, range))
                .map(values -> Responses.ok(new SeriesDto()
                        .enterpriseUscc(uscc).outletCode(code).pollutant(pollutant)
                        .kind(MeasurementKindDto.fromValue(kindText))
                        .values(values.stream().limit(ReadingService.SERIES_LIMIT)
                                .map(v -> new SeriesValueDto().time(Clock.utc(v.time())).avg(number(v.avg()))
                                        .min(number(v.min())).max(number(v.max())).flag(flag(v.flag())))
                                .toList())
                        .truncated(values.size() > ReadingService.SERIES_LIMIT)));
    }

    @Override
    @Access(EmissionsAccess.READ_DISCLOSED)
    public Uni<Response> getAggregates(PollutantCodeDto pollutant, BucketDto bucket, String from, String to,
            String uscc, String outlet, String division, MeasurementKindDto kind) {
        ReadingService.Range range = ReadingService.range(from, to);
        String kindText = kind == null ? "hourly" : kind.toString();
        return callers.resolve()
                .chain(caller -> readings.aggregates(caller, pollutant.toString(), bucket.toString(), range, uscc,
                        outlet, division, kindText))
                .map(buckets -> Responses.ok(new AggregatesDto()
                        .pollutant(pollutant).kind(MeasurementKindDto.fromValue(kindText)).bucket(bucket)
                        .buckets(buckets.stream().map(b -> new AggregateBucketDto().start(Clock.utc(b.start()))
                                .avg(number(b.avg())).min(number(b.min())).max(number(b.max())).count(b.count())
                                .exceedances(b.exceedances()).dataGaps(b.dataGaps())).toList())));
    }

    @Override
    @Access(EmissionsAccess.READ_MONITORING)
    public Uni<Response> getAnnualDischarge(String uscc, Integer year) {
        return callers.resolve()
                .chain(caller -> readings.annualDischarge(caller, uscc, year))
                .map(rows -> Responses.ok(new AnnualDischargeDto()
                        .enterpriseUscc(uscc).year(year)
                        .pollutants(rows.stream().map(r -> new PollutantDischargeDto()
                                .pollutant(PollutantCodeDto.fromValue(r.pollutant()))
                                .dischargedTonnes(number(r.tonnes())).hours(r.hours())
                                .permittedTonnes(number(r.permittedTonnes()))
                                .percentUsed(r.permittedTonnes() == null || r.permittedTonnes() == 0 ? null
                                        : number(100 * r.tonnes() / r.permittedTonnes())))
                                .toList())));
    }

    static ExceedanceDto dto(ExceedanceRow r) {
        return new ExceedanceDto()
                .id(r.id().toString())
                .enterpriseUscc(r.uscc())
                .outletCode(r.outlet())
                .pollutant(PollutantCodeDto.fromValue(r.pollutant()))
                .kind(ExceedanceDto.KindEnum.fromValue(r.kind()))
                .status(RecordStatusDto.fromValue(r.status()))
                .firstPeriod(Clock.utc(r.firstPeriod()))
                .lastPeriod(Clock.utc(r.lastPeriod()))
                .periods(r.periods())
                .maxValue(number(r.maxValue()))
                .limit(number(r.limit()))
                .maxRatio(number(r.maxRatio()))
                .closedBy(utc(r.closedBy()))
                .openedAt(Clock.utc(r.openedAt()))
                .closedAt(utc(r.closedAt()));
    }

    private static DataGapDto dto(GapRow r) {
        return new DataGapDto()
                .id(r.id().toString())
                .enterpriseUscc(r.uscc())
                .outletCode(r.outlet())
                .reason(GapReasonDto.fromValue(r.reason()))
                .pollutant(r.pollutant() == null ? null : PollutantCodeDto.fromValue(r.pollutant()))
                .kind(r.kind() == null ? null : MeasurementKindDto.fromValue(r.kind()))
                .flag(r.flag() == null ? null : flag(r.flag()))
                .status(RecordStatusDto.fromValue(r.status()))
                .firstPeriod(Clock.utc(r.firstPeriod()))
                .lastPeriod(Clock.utc(r.lastPeriod()))
                .periods(r.periods())
                .openedAt(Clock.utc(r.openedAt()))
                .closedAt(utc(r.closedAt()));
    }

    /** An HJ 212-2017 flag as {code, name}. */
    static FlagDto flag(String code) {
        DataFlag flag = DataFlag.ofCode(code).orElseThrow();
        return new FlagDto().code(FlagDto.CodeEnum.fromValue(flag.name()))
                .name(FlagDto.NameEnum.fromValue(flag.readable()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static BigDecimal number(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at == null ? null : Clock.utc(at);
    }
}
