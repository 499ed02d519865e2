package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.runtime.access.Access;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.OutletsApi;
import org.ecogov.registry.api.model.OutletCreateDto;
import org.ecogov.registry.api.model.OutletListDto;
import org.ecogov.registry.api.model.OutletUpdateDto;
import org.ecogov.registry.service.OutletService;
import org.ecogov.runtime.security.CallerProducer;

/** Discharge outlets of an enterprise; who may call what is config/RegistryAccess. */
@Authenticated
public class OutletResource implements OutletsApi {

    private final OutletService outlets;
    private final CallerProducer callers;

    public OutletResource(OutletService outlets, CallerProducer callers) {
        this.outlets = outlets;
        this.callers = callers;
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> createOutlet(String uscc, OutletCreateDto body) {
        return callers.resolve()
                .chain(caller -> outlets.register(caller, uscc, body.getCode(), body.getKind().toString(),
                        OutletMapper.details(body.getDetails()))
                        .map(o -> Responses.created("/api/v1/enterprises/" + uscc + "/outlets/" + o.outlet().code,
                                OutletMapper.toDto(o, RecordView.of(caller)), o.outlet().version)));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> getOutlet(String uscc, String code) {
        return callers.resolve()
                .chain(caller -> outlets.get(caller, uscc, code)
                        .map(o -> Responses.ok(OutletMapper.toDto(o, RecordView.of(caller)), o.outlet().version)));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> listOutlets(String uscc) {
        return callers.resolve()
                .chain(caller -> outlets.list(caller, uscc)
                        .map(items -> Responses.ok(new OutletListDto()
                                .items(items.stream().map(o -> OutletMapper.toDto(o, RecordView.of(caller))).toList()))));
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> updateOutlet(String uscc, String code, OutletUpdateDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> outlets.update(caller, uscc, code, ifMatch, OutletMapper.details(body.getDetails()))
                        .map(o -> Responses.ok(OutletMapper.toDto(o, RecordView.of(caller)), o.outlet().version)));
    }
}
