package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.PermitsApi;
import org.ecogov.registry.api.model.PermitAmendmentDto;
import org.ecogov.registry.api.model.PermitCreateDto;
import org.ecogov.registry.api.model.PermitListDto;
import org.ecogov.registry.api.model.PermitRevocationDto;
import org.ecogov.registry.api.model.PermitVersionPageDto;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.registry.domain.PermitAmendment;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.service.PermitService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

import java.util.List;

/**
 * Discharge permits of an enterprise and their history; who may call what is config/RegistryAccess (and, for changes,
 * the issuing agency, PermitService), who is shown what config/RecordView.
 */
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
                        List.copyOf(body.getOutletCodes())))
                        .map(p -> Responses.created("/api/v1/enterprises/" + uscc + "/permits/" + p.state().number(),
                                PermitMapper.toDto(p, RecordView.of(caller)), p.state().version())));
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> amendPermit(String uscc, String number, PermitAmendmentDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> permits.amend(caller, uscc, number, ifMatch, new PermitAmendment(
                        body.getManagementClass().toString(), body.getValidFrom(), body.getValidTo(),
                        List.copyOf(body.getOutletCodes()), body.getReason()))
                        .map(p -> Responses.ok(PermitMapper.toDto(p, RecordView.of(caller)), p.state().version())));
    }

    @Override
    @Access(RegistryAccess.CHANGE_ENTERPRISES)
    public Uni<Response> revokePermit(String uscc, String number, PermitRevocationDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> permits.revoke(caller, uscc, number, ifMatch, body.getReason())
                        .map(p -> Responses.ok(PermitMapper.toDto(p, RecordView.of(caller)), p.state().version())));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> getPermit(String uscc, String number) {
        return callers.resolve()
                .chain(caller -> permits.get(caller, uscc, number)
                        .map(p -> Responses.ok(PermitMapper.toDto(p, RecordView.of(caller)), p.state().version())));
    }

    @Override
    @Access(RegistryAccess.READ_ENTERPRISES)
    public Uni<Response> listPermits(String uscc) {
        return callers.resolve()
                .chain(caller -> permits.list(caller, uscc)
                        .map(items -> Responses.ok(new PermitListDto()
                                .items(items.stream().map(p -> PermitMapper.toDto(p, RecordView.of(caller))).toList()))));
    }

    @Override
    @Access(RegistryAccess.READ_HISTORY)
    public Uni<Response> listPermitVersions(String uscc, String number, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> permits.versions(caller, uscc, number, cursor, limit)
                        .map(page -> Responses.ok(new PermitVersionPageDto()
                                .items(page.map(v -> PermitMapper.toDto(v, RecordView.of(caller))).items())
                                .next(page.next()).limit(page.limit()))));
    }
}
