package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.runtime.access.Access;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
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

/** Enterprises and their history; who may call what is config/RegistryAccess, who is shown what config/RecordView. */
@Authenticated
public class EnterpriseResource implements EnterprisesApi {

    private final EnterpriseService enterprises;
    private final CallerProducer callers;

    public EnterpriseResource(EnterpriseService enterprises, CallerProducer callers) {
        this.enterprises = enterprises;
        this.callers = callers;
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> createEnterprise(EnterpriseCreateDto body) {
        return callers.resolve()
                .chain(caller -> enterprises.register(caller, new EnterpriseService.Registration(body.getUscc(),
                        EnterpriseMapper.details(body.getDetails()),
                        body.getCheckCharacterOverride() == null ? null : body.getCheckCharacterOverride().getReason()))
                        .map(e -> Responses.created("/api/v1/enterprises/" + e.uscc,
                                EnterpriseMapper.toDto(e, RecordView.of(caller)), e.version)));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> getEnterprise(String uscc) {
        return callers.resolve()
                .chain(caller -> enterprises.get(caller, uscc)
                        .map(e -> Responses.ok(EnterpriseMapper.toDto(e, RecordView.of(caller)), e.version)));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> listEnterprises(String divisionCode, String park, String industryCode, EnterpriseStatusDto status,
                                         Boolean keyMonitored, String nameContains, String cursor, Integer limit) {
        EnterpriseService.Filter filter = new EnterpriseService.Filter(divisionCode, park, industryCode,
                status == null ? null : EnterpriseStatus.of(status.toString()), keyMonitored, nameContains);
        return callers.resolve()
                .chain(caller -> enterprises.list(caller, filter, cursor, limit)
                        .map(page -> Responses.ok(new EnterprisePageDto()
                                .items(page.map(e -> EnterpriseMapper.toDto(e, RecordView.of(caller))).items())
                                .next(page.next()).limit(page.limit()))));
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> updateEnterprise(String uscc, EnterpriseUpdateDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> enterprises.update(caller, uscc, ifMatch, EnterpriseMapper.details(body.getDetails()),
                        body.getReason()).map(e -> Responses.ok(EnterpriseMapper.toDto(e, RecordView.of(caller)), e.version)));
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> changeEnterpriseStatus(String uscc, StatusChangeDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> enterprises.changeStatus(caller, uscc, ifMatch,
                        EnterpriseStatus.of(body.getStatus().toString()), body.getReason())
                        .map(e -> Responses.ok(EnterpriseMapper.toDto(e, RecordView.of(caller)), e.version)));
    }

    @Override
    @Access(RegistryAccess.READ_HISTORY)
    public Uni<Response> listEnterpriseVersions(String uscc, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> enterprises.versions(caller, uscc, cursor, limit)
                        .map(page -> Responses.ok(new EnterpriseVersionPageDto()
                                .items(page.map(v -> EnterpriseMapper.toDto(v, RecordView.of(caller))).items())
                                .next(page.next()).limit(page.limit()))));
    }
}
