package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.runtime.access.Access;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.AgenciesApi;
import org.ecogov.registry.api.model.AgencyCreateDto;
import org.ecogov.registry.api.model.AgencyPageDto;
import org.ecogov.registry.api.model.AgencyUpdateDto;
import org.ecogov.registry.api.model.DivisionCreateDto;
import org.ecogov.registry.api.model.DivisionPageDto;
import org.ecogov.registry.api.model.MatterTypeDto;
import org.ecogov.registry.api.model.ResponsibilityAssignmentDto;
import org.ecogov.registry.api.model.ResponsibilityPageDto;
import org.ecogov.registry.service.AgencyService;
import org.ecogov.registry.service.DivisionService;
import org.ecogov.registry.service.ResponsibilityService;
import org.ecogov.runtime.security.CallerProducer;

/**
 * Agencies, the jurisdiction tree and the responsibility matrix: anyone signed in reads them (who leads on what is
 * public knowledge), only a platform-admin changes them (config/RegistryAccess); officials' usernames only to those
 * config/RecordView shows them.
 */
@Authenticated
public class AgencyResource implements AgenciesApi {

    private final AgencyService agencies;
    private final DivisionService divisions;
    private final ResponsibilityService responsibilities;
    private final CallerProducer callers;

    public AgencyResource(AgencyService agencies, DivisionService divisions, ResponsibilityService responsibilities,
                          CallerProducer callers) {
        this.agencies = agencies;
        this.divisions = divisions;
        this.responsibilities = responsibilities;
        this.callers = callers;
    }

    @Override
    @Access(RegistryAccess.CHANGE_SHARED)
    public Uni<Response> createAgency(AgencyCreateDto body) {
        return callers.resolve()
                .chain(caller -> agencies.register(caller, body.getCode(), AgencyMapper.details(body.getDetails()))
                        .map(a -> Responses.created("/api/v1/agencies/" + a.code, AgencyMapper.toDto(a, RecordView.of(caller)),
                                a.version)));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> getAgency(String code) {
        return callers.resolve()
                .chain(caller -> agencies.get(caller, code)
                        .map(a -> Responses.ok(AgencyMapper.toDto(a, RecordView.of(caller)), a.version)));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> listAgencies(String jurisdiction, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> agencies.list(caller, jurisdiction, cursor, limit)
                        .map(page -> Responses.ok(new AgencyPageDto()
                                .items(page.map(a -> AgencyMapper.toDto(a, RecordView.of(caller))).items())
                                .next(page.next()).limit(page.limit()))));
    }

    @Override
    @Access(RegistryAccess.CHANGE_SHARED)
    public Uni<Response> updateAgency(String code, AgencyUpdateDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> agencies.update(caller, code, ifMatch, AgencyMapper.details(body.getDetails()))
                        .map(a -> Responses.ok(AgencyMapper.toDto(a, RecordView.of(caller)), a.version)));
    }

    @Override
    @Access(RegistryAccess.CHANGE_SHARED)
    public Uni<Response> createDivision(DivisionCreateDto body) {
        return callers.resolve()
                .chain(caller -> divisions.add(caller, body.getCode(), body.getName(), body.getParentCode()))
                .map(d -> Responses.created("/api/v1/divisions/" + d.code, AgencyMapper.toDto(d)));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> getDivision(String code) {
        return callers.resolve()
                .chain(caller -> divisions.get(caller, code))
                .map(d -> Responses.ok(AgencyMapper.toDto(d)));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> listDivisions(String under, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> divisions.list(caller, under, cursor, limit))
                .map(page -> Responses.ok(new DivisionPageDto().items(page.map(AgencyMapper::toDto).items()).next(page.next()).limit(page.limit())));
    }

    @Override
    @Access(RegistryAccess.CHANGE_SHARED)
    public Uni<Response> assignResponsibility(MatterTypeDto matterType, String divisionCode, ResponsibilityAssignmentDto body) {
        return callers.resolve()
                .chain(caller -> responsibilities.assign(caller, matterType.toString(), divisionCode, body.getAgencyCode(),
                        body.getReason()).map(r -> Responses.ok(AgencyMapper.toDto(r, RecordView.of(caller)))));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> listResponsibilities(MatterTypeDto matterType, String under, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> responsibilities.list(caller, matterType == null ? null : matterType.toString(), under,
                        cursor, limit).map(page -> Responses.ok(new ResponsibilityPageDto()
                                .items(page.map(r -> AgencyMapper.toDto(r, RecordView.of(caller))).items())
                                .next(page.next()).limit(page.limit()))));
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> findLeadAgency(MatterTypeDto matterType, String divisionCode) {
        return callers.resolve()
                .chain(caller -> responsibilities.leadAgency(caller, matterType.toString(), divisionCode)
                        .map(lead -> Responses.ok(AgencyMapper.toDto(lead, RecordView.of(caller)))));
    }
}
