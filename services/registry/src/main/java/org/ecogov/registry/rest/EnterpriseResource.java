package org.ecogov.registry.rest;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.EnterprisesApi;
import org.ecogov.registry.api.model.EnterpriseCreateDto;
import org.ecogov.registry.api.model.EnterprisePageDto;
import org.ecogov.registry.api.model.EnterpriseStatusDto;
import org.ecogov.registry.api.model.EnterpriseUpdateDto;
import org.ecogov.registry.api.model.EnterpriseVersionPageDto;
import org.ecogov.registry.api.model.StatusChangeDto;
import org.ecogov.registry.domain.EnterpriseStatus;
import org.ecogov.registry.service.EnterpriseService;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.security.Roles;

/**
 * Enterprises and their history. Third parties (role third-party) read with a scope that reads the registry; they pass
 * the role check of the changes and of the history only to be told by the service which scope they lack
 * (RegistryScope).
 */
public class EnterpriseResource implements EnterprisesApi {

    private final EnterpriseService enterprises;
    private final CallerProducer callers;

    public EnterpriseResource(EnterpriseService enterprises, CallerProducer callers) {
        this.enterprises = enterprises;
        this.callers = callers;
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.THIRD_PARTY})
    public Uni<Response> createEnterprise(EnterpriseCreateDto body) {
        return callers.resolve()
                .chain(caller -> enterprises.register(caller, new EnterpriseService.Registration(body.getUscc(),
                        EnterpriseMapper.details(body.getDetails()),
                        body.getCheckCharacterOverride() == null ? null : body.getCheckCharacterOverride().getReason())))
                .map(e -> Responses.created("/api/v1/enterprises/" + e.uscc, EnterpriseMapper.toDto(e), e.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR, Roles.ENTERPRISE_REPORTER,
            Roles.THIRD_PARTY})
    public Uni<Response> getEnterprise(String uscc) {
        return callers.resolve()
                .chain(caller -> enterprises.get(caller, uscc))
                .map(e -> Responses.ok(EnterpriseMapper.toDto(e), e.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR, Roles.ENTERPRISE_REPORTER,
            Roles.THIRD_PARTY})
    public Uni<Response> listEnterprises(String divisionCode, String park, String industryCode, EnterpriseStatusDto status,
                                         Boolean keyMonitored, String nameContains, String cursor, Integer limit) {
        EnterpriseService.Filter filter = new EnterpriseService.Filter(divisionCode, park, industryCode,
                status == null ? null : EnterpriseStatus.of(status.toString()), keyMonitored, nameContains);
        return callers.resolve()
                .chain(caller -> enterprises.list(caller, filter, cursor, limit))
                .map(page -> Responses.ok(new EnterprisePageDto().items(page.map(EnterpriseMapper::toDto).items())
                        .next(page.next()).limit(page.limit())));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.THIRD_PARTY})
    public Uni<Response> updateEnterprise(String uscc, EnterpriseUpdateDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> enterprises.update(caller, uscc, ifMatch, EnterpriseMapper.details(body.getDetails()),
                        body.getReason()))
                .map(e -> Responses.ok(EnterpriseMapper.toDto(e), e.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.THIRD_PARTY})
    public Uni<Response> changeEnterpriseStatus(String uscc, StatusChangeDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> enterprises.changeStatus(caller, uscc, ifMatch,
                        EnterpriseStatus.of(body.getStatus().toString()), body.getReason()))
                .map(e -> Responses.ok(EnterpriseMapper.toDto(e), e.version));
    }

    @Override
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR, Roles.ENTERPRISE_REPORTER,
            Roles.THIRD_PARTY})
    public Uni<Response> listEnterpriseVersions(String uscc, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> enterprises.versions(caller, uscc, cursor, limit))
                .map(page -> Responses.ok(new EnterpriseVersionPageDto().items(page.map(EnterpriseMapper::toDto).items())
                        .next(page.next()).limit(page.limit())));
    }
}
