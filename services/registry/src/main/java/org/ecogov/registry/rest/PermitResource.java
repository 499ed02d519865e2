package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.runtime.access.Access;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.PermitsApi;
import org.ecogov.registry.api.model.PermitCreateDto;
import org.ecogov.registry.api.model.PermitListDto;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.service.PermitService;
import org.ecogov.runtime.security.CallerProducer;

/** Discharge permits of an enterprise; who may call what is config/RegistryAccess. */
@Authenticated
public class PermitResource implements PermitsApi {

    private final PermitService permits;
    private final CallerProducer callers;

    public PermitResource(PermitService permits, CallerProducer callers) {
        this.permits = permits;
        this.callers = callers;
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> createPermit(String uscc, PermitCreateDto body) {
        return callers.resolve()
                .chain(caller -> permits.record(caller, uscc, new PermitApplication(body.getNumber(),
                        body.getManagementClass().toString(), body.getValidFrom(), body.getValidTo(), body.getIssuingAgency(),
                        java.util.List.copyOf(body.getOutletCodes()))))
                .map(p -> Responses.created("/api/v1/enterprises/" + uscc + "/permits/" + p.number, PermitMapper.toDto(p),
                        p.version));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> getPermit(String uscc, String number) {
        return callers.resolve()
                .chain(caller -> permits.get(caller, uscc, number))
                .map(p -> Responses.ok(PermitMapper.toDto(p), p.version));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> listPermits(String uscc) {
        return callers.resolve()
                .chain(caller -> permits.list(caller, uscc))
                .map(items -> Responses.ok(new PermitListDto().items(items.stream().map(PermitMapper::toDto).toList())));
    }
}
