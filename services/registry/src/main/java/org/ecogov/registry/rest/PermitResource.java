package org.ecogov.registry.rest;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.PermitsApi;
import org.ecogov.registry.api.model.PermitCreateDto;
import org.ecogov.registry.api.model.PermitListDto;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.service.PermitService;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.security.Roles;

/**
 * Discharge permits of an enterprise. Third parties (role third-party) read with a scope that reads the registry; they pass
 * the role check of the changes only to be told by the service which scope they lack
 * (RegistryScope).
 */
public class PermitResource implements PermitsApi {

    private final PermitService permits;
    private final CallerProducer callers;

    public PermitResource(PermitService permits, CallerProducer callers) {
        this.permits = permits;
        this.callers = callers;
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.THIRD_PARTY})
    public Uni<Response> createPermit(String uscc, PermitCreateDto body) {
        return callers.resolve()
                .chain(caller -> permits.record(caller, uscc, new PermitApplication(body.getNumber(),
                        body.getManagementClass().toString(), body.getValidFrom(), body.getValidTo(), body.getIssuingAgency(),
                        java.util.List.copyOf(body.getOutletCodes()))))
                .map(p -> Responses.created("/api/v1/enterprises/" + uscc + "/permits/" + p.number, PermitMapper.toDto(p),
                        p.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR, Roles.ENTERPRISE_REPORTER,
            Roles.THIRD_PARTY})
    public Uni<Response> getPermit(String uscc, String number) {
        return callers.resolve()
                .chain(caller -> permits.get(caller, uscc, number))
                .map(p -> Responses.ok(PermitMapper.toDto(p), p.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR, Roles.ENTERPRISE_REPORTER,
            Roles.THIRD_PARTY})
    public Uni<Response> listPermits(String uscc) {
        return callers.resolve()
                .chain(caller -> permits.list(caller, uscc))
                .map(items -> Responses.ok(new PermitListDto().items(items.stream().map(PermitMapper::toDto).toList())));
    }
}
