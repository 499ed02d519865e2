package org.ecogov.emissions.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.MeasurementsApi;
import org.ecogov.emissions.api.model.MeasurementBatchResultDto;
import org.ecogov.emissions.api.model.RowErrorDto;
import org.ecogov.emissions.config.EmissionsAccess;
import org.ecogov.emissions.service.BatchReader.Format;
import org.ecogov.emissions.service.MeasurementIngest;
import org.ecogov.emissions.service.MeasurementIngest.Result;
import org.ecogov.emissions.service.OrganisationBindings;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Monitoring values in bulk, and the organisations whose keys may send them for an enterprise. */
@Authenticated
public class MeasurementResource implements MeasurementsApi {

    private final MeasurementIngest ingest;
    private final OrganisationBindings bindings;
    private final CallerProducer callers;

    @Context
    HttpHeaders headers;

    public MeasurementResource(MeasurementIngest ingest, OrganisationBindings bindings, CallerProducer callers) {
        this.ingest = ingest;
        this.bindings = bindings;
        this.callers = callers;
    }

    @Override
    @Access(EmissionsAccess.INGEST)
    public Uni<Response> ingestMeasurementBatch(String uscc, String batchId, String body) {
        MediaType type = headers.getMediaType();
        Format format = type != null && type.isCompatible(MediaType.valueOf("text/csv")) ? Format.CSV : Format.JSON_LINES;
        return callers.resolve()
                .chain(caller -> ingest.ingest(caller, uscc, UUID.fromString(batchId), format, body == null ? "" : body))
                .map(result -> Response.status(result.replayed() ? 200 : 201).entity(dto(result)).build());
    }

    @Override
    @Access(EmissionsAccess.BIND_ORGANISATIONS)
    public Uni<Response> bindOrganisation(String uscc, String organisation) {
        return callers.resolve().chain(caller -> bindings.bind(caller, uscc, organisation))
                .map(done -> Response.noContent().build());
    }

    @Override
    @Access(EmissionsAccess.BIND_ORGANISATIONS)
    public Uni<Response> unbindOrganisation(String uscc, String organisation) {
        return callers.resolve().chain(caller -> bindings.unbind(caller, uscc, organisation))
                .map(done -> Response.noContent().build());
    }

    private static MeasurementBatchResultDto dto(Result result) {
        return new MeasurementBatchResultDto()
                .batchId(result.batchId().toString())
                .enterpriseUscc(result.uscc())
                .format(MeasurementBatchResultDto.FormatEnum.fromValue(result.format()))
                .rows(result.rows())
                .accepted(result.accepted())
                .duplicates(result.duplicates())
                .rejected(result.rejected())
                .replayed(result.replayed())
                .receivedAt(Clock.utc(result.receivedAt()))
                .errors(result.errors().stream()
                        .map(e -> new RowErrorDto().row(e.row()).field(e.field()).message(e.message())).toList())
                .errorsTruncated(result.errorsTruncated());
    }
}
