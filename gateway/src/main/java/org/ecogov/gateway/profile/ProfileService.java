package org.ecogov.gateway.profile;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.api.model.EnterpriseDetailsDto;
import org.ecogov.gateway.api.model.EnterpriseDto;
import org.ecogov.gateway.api.model.EnterpriseProfileDto;
import org.ecogov.gateway.api.model.EnterpriseSummaryDto;
import org.ecogov.gateway.api.model.OutletDto;
import org.ecogov.gateway.api.model.OutletSectionDto;
import org.ecogov.gateway.api.model.OutletSummaryDto;
import org.ecogov.gateway.api.model.PermitDto;
import org.ecogov.gateway.api.model.PermitSectionDto;
import org.ecogov.gateway.api.model.PermitSummaryDto;
import org.ecogov.gateway.api.model.ProblemDto;
import org.ecogov.gateway.api.model.ProfileViewDto;
import org.ecogov.gateway.api.model.SectionStatusDto;
import org.ecogov.gateway.identity.GatewayCaller;
import org.ecogov.gateway.identity.GatewayTokens;
import org.ecogov.gateway.routing.Routes;
import org.ecogov.gateway.routing.Upstream;
import org.ecogov.runtime.logging.RequestIds;
import org.ecogov.gateway.GatewayProblem;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Builds the enterprise profile from the services, calling them in parallel with the caller's own
 * credentials (a realm token as it came, a key as the gateway's signed token), so every service applies
 * its own scope rules. The registry's answer for the enterprise decides whether the caller may see it at
 * all; every other section fails on its own and is then marked unavailable.
 */
@ApplicationScoped
public class ProfileService {

    private final Routes routes;
    private final GatewayTokens tokens;
    private final ObjectMapper mapper;

    public ProfileService(Routes routes, GatewayTokens tokens, ObjectMapper mapper) {
        this.routes = routes;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    public Uni<EnterpriseProfileDto> profile(GatewayCaller caller, String uscc, ProfileViewDto view, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token(caller));
        headers.put("Accept", "application/json");
        headers.put(RequestIds.HEADER, requestId);
        String base = "/api/v1/enterprises/" + uscc;
        Uni<EnterpriseDto> enterprise = call(base, headers).map(answer -> gate(answer, uscc));
        Uni<Section<OutletDto>> outlets = section(base + "/outlets", headers, OutletDto.class);
        Uni<Section<PermitDto>> permits = section(base + "/permits", headers, PermitDto.class);
        return Uni.combine().all().unis(enterprise, outlets, permits).asTuple().map(all -> {
            EnterpriseDto record = all.getItem1();
            EnterpriseProfileDto profile = new EnterpriseProfileDto()
                    .uscc(uscc).view(view).generatedAt(OffsetDateTime.now(ZoneOffset.UTC))
                    .summary(summary(record))
                    .outlets(outletSection(all.getItem2(), view))
                    .permits(permitSection(all.getItem3(), view));
            if (view == ProfileViewDto.FULL) {
                profile.enterprise(record);
            }
            return profile;
        });
    }

    private String token(GatewayCaller caller) {
        return caller instanceof GatewayCaller.Keyed keyed ? tokens.tokenFor(keyed.key())
                : ((GatewayCaller.Bearer) caller).token();
    }

    /** The registry record, or the answer that ends the whole profile (not found, not allowed, unavailable). */
    private EnterpriseDto gate(Upstream.Answer answer, String uscc) {
        if (answer.status() == 200) {
            return read(answer.body().getBytes(), EnterpriseDto.class);
        }
        if (answer.status() == 404) {
            throw ProblemException.of(GatewayProblem.ENTERPRISE_NOT_FOUND, "No enterprise " + uscc + " in your scope.");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            ProblemType type = answer.status() == 401 ? ProblemType.UNAUTHENTICATED : ProblemType.FORBIDDEN;
            throw ProblemException.of(type, "The registry refused: " + detail(answer));
        }
        throw ProblemException.of(ProblemType.SERVICE_UNAVAILABLE, "The registry, which decides who may see an enterprise,"
                + " answered " + answer.status() + ": " + detail(answer)).withHeaders(Map.of("Retry-After", "5"));
    }

    private Uni<Upstream.Answer> call(String path, Map<String, String> headers) {
        Upstream upstream = routes.ownerOf(path);
        return Uni.createFrom().completionStage(() -> upstream.get(path, headers).toCompletionStage())
                .onFailure(Upstream.Unavailable.class).transform(e -> {
                    // only the registry's record ends the profile; sections catch this themselves
                    Upstream.Unavailable unavailable = (Upstream.Unavailable) e;
                    return ProblemException.of(unavailable.timedOut() ? ProblemType.SERVICE_TIMEOUT : ProblemType.SERVICE_UNAVAILABLE,
                            "The enterprise profile needs the registry, which decides who may see an enterprise: "
                                    + e.getMessage() + ".").withHeaders(Map.of("Retry-After", "5"));
                });
    }

    /** One section's items (the registry answers them as one list); a failure makes the section unavailable. */
    private <T> Uni<Section<T>> section(String path, Map<String, String> headers, Class<T> type) {
        Upstream upstream = routes.ownerOf(path);
        return Uni.createFrom().completionStage(() -> upstream.get(path, headers).toCompletionStage())
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw new SectionFailure(answer.status(), upstream.name() + " answered " + answer.status()
                                + ": " + detail(answer));
                    }
                    List<T> items = new ArrayList<>();
                    readTree(answer.body().getBytes()).path("items").forEach(item -> items.add(mapper.convertValue(item, type)));
                    return Section.available(items);
                })
                .onFailure().recoverWithItem(e -> Section.<T>unavailable(problem(e)));
    }

    private static ProblemDto problem(Throwable failure) {
        ProblemType type;
        if (failure instanceof Upstream.Unavailable unavailable) {
            type = unavailable.timedOut() ? ProblemType.SERVICE_TIMEOUT : ProblemType.SERVICE_UNAVAILABLE;
        } else if (failure instanceof SectionFailure sectionFailure) {
            type = ProblemType.genericFor(sectionFailure.status).orElse(ProblemType.SERVICE_UNAVAILABLE);
        } else {
            type = ProblemType.BAD_GATEWAY;
        }
        return new ProblemDto().type(type.uri()).title(type.title()).status(type.status())
                .detail(failure.getMessage());
    }

    private static final class SectionFailure extends RuntimeException {
        final int status;

        SectionFailure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    record Section<T>(List<T> items, ProblemDto problem) {
        static <T> Section<T> available(List<T> items) {
            return new Section<>(items, null);
        }

        static <T> Section<T> unavailable(ProblemDto problem) {
            return new Section<>(null, problem);
        }
    }

    private static OutletSectionDto outletSection(Section<OutletDto> section, ProfileViewDto view) {
        OutletSectionDto dto = new OutletSectionDto().items(null).disclosed(null);
        if (section.items() == null) {
            return dto.status(SectionStatusDto.UNAVAILABLE).problem(section.problem());
        }
        dto.status(SectionStatusDto.AVAILABLE);
        return view == ProfileViewDto.FULL ? dto.items(section.items())
                : dto.disclosed(map(section.items(), o -> new OutletSummaryDto().code(o.getCode()).kind(o.getKind())));
    }

    private static PermitSectionDto permitSection(Section<PermitDto> section, ProfileViewDto view) {
        PermitSectionDto dto = new PermitSectionDto().items(null).disclosed(null);
        if (section.items() == null) {
            return dto.status(SectionStatusDto.UNAVAILABLE).problem(section.problem());
        }
        dto.status(SectionStatusDto.AVAILABLE);
        return view == ProfileViewDto.FULL ? dto.items(section.items())
                : dto.disclosed(map(section.items(), p -> new PermitSummaryDto().number(p.getNumber())
                        .managementClass(p.getManagementClass()).validFrom(p.getValidFrom()).validTo(p.getValidTo())
                        .issuingAgency(p.getIssuingAgency()).outletCodes(p.getOutletCodes())));
    }

    private static EnterpriseSummaryDto summary(EnterpriseDto record) {
        EnterpriseDetailsDto details = record.getDetails();
        return new EnterpriseSummaryDto().uscc(record.getUscc()).name(details.getName())
                .industryCode(details.getIndustryCode()).address(details.getAddress()).location(details.getLocation())
                .divisionCode(details.getDivisionCode()).park(details.getPark()).status(record.getStatus())
                .keyMonitored(details.getKeyMonitored());
    }

    private static <A, B> List<B> map(List<A> items, Function<A, B> mapping) {
        return items.stream().map(mapping).toList();
    }

    private String detail(Upstream.Answer answer) {
        try {
            JsonNode problem = mapper.readTree(answer.body().getBytes());
            return problem.path("detail").asText(problem.path("title").asText("no detail"));
        } catch (java.io.IOException | RuntimeException e) {
            return "no detail";
        }
    }

    private <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (java.io.IOException e) {
            throw ProblemException.of(ProblemType.BAD_GATEWAY, "The registry's answer could not be read: " + e.getMessage());
        }
    }

    private JsonNode readTree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new SectionFailure(502, "the answer could not be read: " + e.getMessage());
        }
    }
}
