package org.ecogov.gateway.profile;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.complaints.ComplaintsClient;
import org.ecogov.clients.emissions.EmissionsClient;
import org.ecogov.clients.enforcement.EnforcementClient;
import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.gateway.api.model.AnnualDischargeDto;
import org.ecogov.gateway.api.model.CaseDto;
import org.ecogov.gateway.api.model.ComplaintDto;
import org.ecogov.gateway.api.model.ComplaintsSectionDto;
import org.ecogov.gateway.api.model.DecisionDto;
import org.ecogov.gateway.api.model.DisclosedComplaintDto;
import org.ecogov.gateway.api.model.DisclosedDecisionDto;
import org.ecogov.gateway.api.model.EmissionsSectionDto;
import org.ecogov.gateway.api.model.EnforcementSectionDto;
import org.ecogov.gateway.api.model.ExceedanceDto;
import org.ecogov.gateway.api.model.InspectionDto;
import org.ecogov.gateway.api.model.LatestValueDto;
import org.ecogov.gateway.api.model.EnterpriseRecordDetailsDto;
import org.ecogov.gateway.api.model.EnterpriseDto;
import org.ecogov.gateway.api.model.EnterpriseProfileDto;
import org.ecogov.gateway.api.model.EnterpriseSummaryDto;
import org.ecogov.gateway.api.model.OutletDto;
import org.ecogov.gateway.api.model.OutletKindDto;
import org.ecogov.gateway.api.model.OutletSectionDto;
import org.ecogov.gateway.api.model.OutletSummaryDto;
import org.ecogov.gateway.api.model.PermitDto;
import org.ecogov.gateway.api.model.PermitSectionDto;
import org.ecogov.gateway.api.model.PermitSummaryDto;
import org.ecogov.gateway.api.model.ProfileViewDto;
import org.ecogov.gateway.identity.GatewayCaller;
import org.ecogov.gateway.identity.GatewayTokens;
import org.ecogov.gateway.GatewayProblem;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Credential;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Builds the enterprise profile from the services (registry, emissions, enforcement, complaints), calling them in parallel with
 * the caller's own credentials (a
 * realm token as it came, a key as the gateway's signed token), so every service applies its own scope rules. The
 * registry's record decides whether the caller may see the enterprise at all; every other part is a
 * {@link ProfileSection}, which fails on its own and is then marked unavailable. A new service's section is one
 * more entry in {@link #sections}.
 */
@ApplicationScoped
public class ProfileService {

    private static final Map<String, String> RETRY_SOON = Map.of("Retry-After", "5");
    /** How many of a section's newest records the profile shows (open exceedances, inspections, cases). */
    static final int NEWEST = 20;

    private final RegistryClient registry;
    private final GatewayTokens tokens;
    private final ObjectMapper mapper;
    private final List<ProfileSection<?, ?>> sections;

    public ProfileService(RegistryClient registry, EmissionsClient emissions, EnforcementClient enforcement,
            ComplaintsClient complaints, GatewayTokens tokens, ObjectMapper mapper, Clock clock) {
        this.registry = registry;
        this.tokens = tokens;
        this.mapper = mapper;
        this.sections = List.of(
                ProfileSection.of(registry::outlets,
                        () -> new OutletSectionDto().items(null).disclosed(null),
                        (section, status, problem) -> section.status(status).problem(problem),
                        (section, outlets, view) -> view == ProfileViewDto.FULL ? section.items(convert(outlets, OutletDto.class))
                                : section.disclosed(outlets.stream().map(o -> new OutletSummaryDto().code(o.getCode())
                                        .kind(convert(o.getKind(), OutletKindDto.class))).toList()),
                        EnterpriseProfileDto::outlets),
                ProfileSection.of(registry::permits,
                        () -> new PermitSectionDto().items(null).disclosed(null),
                        (section, status, problem) -> section.status(status).problem(problem),
                        (section, permits, view) -> view == ProfileViewDto.FULL ? section.items(convert(permits, PermitDto.class))
                                : section.disclosed(convert(permits, PermitDto.class).stream().map(ProfileService::disclosed).toList()),
                        EnterpriseProfileDto::permits),
                // the services answer the caller's own view themselves: the view changes nothing here
                ProfileSection.of((credential, uscc) -> emissions(emissions, clock, credential, uscc),
                        () -> new EmissionsSectionDto().latestValues(null).openExceedances(null),
                        (section, status, problem) -> section.status(status).problem(problem),
                        (section, read, view) -> section
                                .latestValues(convert(read.latest().getItems(), LatestValueDto.class))
                                .openExceedances(convert(read.open().getItems(), ExceedanceDto.class))
                                .moreOpenExceedances(read.open().getNext() != null)
                                .annualDischarge(convert(read.year(), AnnualDischargeDto.class)),
                        EnterpriseProfileDto::emissions),
                ProfileSection.of((credential, uscc) -> enforcement(enforcement, credential, uscc),
                        () -> new EnforcementSectionDto().inspections(null).cases(null).decisions(null).disclosedDecisions(null),
                        (section, status, problem) -> section.status(status).problem(problem),
                        (section, read, view) -> read.disclosed() != null
                                ? section.disclosedDecisions(convert(read.disclosed().getItems(), DisclosedDecisionDto.class))
                                        .moreDecisions(read.disclosed().getNext() != null)
                                : read.decisions() != null
                                ? section.decisions(convert(read.decisions().getItems(), DecisionDto.class))
                                        .moreDecisions(read.decisions().getNext() != null)
                                : section.inspections(convert(read.inspections().getItems(), InspectionDto.class))
                                        .moreInspections(read.inspections().getNext() != null)
                                        .cases(convert(read.cases().getItems(), CaseDto.class))
                                        .moreCases(read.cases().getNext() != null),
                        EnterpriseProfileDto::enforcement),
                ProfileSection.of((credential, uscc) -> complaints(complaints, credential, uscc),
                        () -> new ComplaintsSectionDto().items(null).disclosed(null),
                        (section, status, problem) -> section.status(status).problem(problem),
                        (section, read, view) -> read.handled() != null
                                ? section.items(convert(read.handled().getItems(), ComplaintDto.class))
                                        .moreComplaints(read.handled().getNext() != null)
                                : section.items(null)
                                        .disclosed(convert(read.disclosed().getItems(), DisclosedComplaintDto.class))
                                        .moreComplaints(read.disclosed().getNext() != null),
                        EnterpriseProfileDto::complaints));
    }

    /** What the emissions section reads, in parallel: the latest values, the open exceedances, this UTC year's discharge. */
    record EmissionsRead(org.ecogov.clients.emissions.generated.model.LatestValues latest,
            org.ecogov.clients.emissions.generated.model.ExceedancePage open,
            org.ecogov.clients.emissions.generated.model.AnnualDischarge year) {
    }

    private static Uni<EmissionsRead> emissions(EmissionsClient emissions, Clock clock, Credential credential, String uscc) {
        int year = clock.now().atOffset(ZoneOffset.UTC).getYear();
        return Uni.combine().all()
                .unis(emissions.latestValues(credential, uscc), emissions.openExceedances(credential, uscc, NEWEST),
                        emissions.annualDischarge(credential, uscc, year))
                .asTuple().map(all -> new EmissionsRead(all.getItem1(), all.getItem2(), all.getItem3()));
    }

    /**
     * What the enforcement section reads: the inspections and cases (with their decisions), in parallel; or, when
     * enforcement refuses the caller those (403: an enterprise reporter), the decisions it shows them instead; or,
     * when it refuses those too (a member of the public, a key), the public disclosure of the enterprise's issued
     * decisions. The service decides what each caller sees; a caller it refuses the disclosure too (a key with
     * neither {@code enforcement:read} nor {@code disclosure:read}) leaves the section not permitted.
     */
    record EnforcementRead(org.ecogov.clients.enforcement.generated.model.InspectionPage inspections,
            org.ecogov.clients.enforcement.generated.model.CasePage cases,
            org.ecogov.clients.enforcement.generated.model.DecisionPage decisions,
            org.ecogov.clients.enforcement.generated.model.DisclosedDecisionPage disclosed) {
    }

    private static Uni<EnforcementRead> enforcement(EnforcementClient enforcement, Credential credential, String uscc) {
        return Uni.combine().all()
                .unis(enforcement.inspections(credential, uscc, NEWEST), enforcement.cases(credential, uscc, NEWEST))
                .asTuple().map(all -> new EnforcementRead(all.getItem1(), all.getItem2(), null, null))
                .onFailure(ProfileService::forbidden)
                .recoverWithUni(() -> enforcement.decisions(credential, uscc, NEWEST)
                        .map(decisions -> new EnforcementRead(null, null, decisions, null)))
                .onFailure(ProfileService::forbidden)
                .recoverWithUni(() -> enforcement.disclosedDecisions(credential, uscc, NEWEST)
                        .map(disclosed -> new EnforcementRead(null, null, null, disclosed)));
    }

    /** A service's 403: it does not show the caller this, though it may show them something else. */
    private static boolean forbidden(Throwable failure) {
        return failure instanceof ServiceCallException call && call.kind() == ServiceCallException.Kind.REFUSED
                && call.status() == 403;
    }

    /** What the complaints section read: the handled complaints, or (for a caller refused those) the disclosed ones. */
    record ComplaintsRead(org.ecogov.clients.complaints.generated.model.ComplaintPage handled,
            org.ecogov.clients.complaints.generated.model.DisclosedComplaintPage disclosed) {
    }

    /**
     * The complaints about the enterprise as the complaints service shows them to the caller: the handled list for
     * officials; for a caller it refuses that list (403: a reporter, a member of the public, a key), its disclosed
     * view, which refuses in turn whom it does not serve (the section is then not permitted).
     */
    private static Uni<ComplaintsRead> complaints(ComplaintsClient complaints, Credential credential, String uscc) {
        return complaints.about(credential, uscc, NEWEST).map(page -> new ComplaintsRead(page, null))
                .onFailure(ProfileService::forbidden)
                .recoverWithUni(() -> complaints.disclosedAbout(credential, uscc, NEWEST)
                        .map(page -> new ComplaintsRead(null, page)));
    }

    public Uni<EnterpriseProfileDto> profile(GatewayCaller caller, String uscc, ProfileViewDto view) {
        Credential credential = Credential.bearer(token(caller));
        Uni<EnterpriseDto> record = registry.enterprise(credential, uscc)
                .onFailure(ServiceCallException.class).transform(e -> gate((ServiceCallException) e, uscc))
                .map(enterprise -> convert(enterprise, EnterpriseDto.class));
        List<Uni<Function<EnterpriseProfileDto, EnterpriseProfileDto>>> parts = new ArrayList<>();
        sections.forEach(section -> parts.add(section.build(credential, uscc, view)));
        // every call at once: the record and each section
        return Uni.combine().all().unis(record, Uni.join().all(parts).andFailFast()).asTuple().map(all -> {
            EnterpriseDto enterprise = all.getItem1();
            EnterpriseProfileDto profile = new EnterpriseProfileDto()
                    .uscc(uscc).view(view).generatedAt(OffsetDateTime.now(ZoneOffset.UTC))
                    .summary(summary(enterprise));
            all.getItem2().forEach(part -> part.apply(profile));
            if (view == ProfileViewDto.FULL) {
                profile.enterprise(enterprise);
            }
            return profile;
        });
    }

    private String token(GatewayCaller caller) {
        return caller instanceof GatewayCaller.Keyed keyed ? tokens.tokenFor(keyed.key())
                : ((GatewayCaller.Bearer) caller).token();
    }

    /** The answer that ends the whole profile when the record cannot be had: not found, refused, unavailable. */
    private static ProblemException gate(ServiceCallException failure, String uscc) {
        String said = failure.detail().orElse("no detail");
        return switch (failure.kind()) {
            case NOT_FOUND -> ProblemException.of(GatewayProblem.ENTERPRISE_NOT_FOUND, "No enterprise " + uscc + " in your scope.");
            case REFUSED -> ProblemException.of(failure.status() == 401 ? ProblemType.UNAUTHENTICATED : ProblemType.FORBIDDEN,
                    "The registry refused: " + said);
            case TIMED_OUT -> ProblemException.of(ProblemType.SERVICE_TIMEOUT, "The enterprise profile needs the registry,"
                    + " which decides who may see an enterprise: " + failure.getMessage() + ".").withHeaders(RETRY_SOON);
            case BAD_ANSWER -> ProblemException.of(ProblemType.BAD_GATEWAY, "The registry's answer could not be read: "
                    + said);
            case UNREACHABLE, CIRCUIT_OPEN, FAILING, REJECTED -> ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The enterprise profile needs the registry, which decides who may see an enterprise: "
                            + failure.getMessage() + ".").withHeaders(RETRY_SOON);
        };
    }

    private static PermitSummaryDto disclosed(PermitDto permit) {
        return new PermitSummaryDto().number(permit.getNumber()).managementClass(permit.getManagementClass())
                .validFrom(permit.getValidFrom()).validTo(permit.getValidTo()).issuingAgency(permit.getIssuingAgency())
                .outletCodes(permit.getOutletCodes());
    }

    private static EnterpriseSummaryDto summary(EnterpriseDto record) {
        EnterpriseRecordDetailsDto details = record.getDetails();
        return new EnterpriseSummaryDto().uscc(record.getUscc()).name(details.getName())
                .industryCode(details.getIndustryCode()).address(details.getAddress()).location(details.getLocation())
                .divisionCode(details.getDivisionCode()).park(details.getPark()).status(record.getStatus())
                .keyMonitored(details.getKeyMonitored());
    }

    /**
     * The registry client's model as the gateway's contract names it: both are generated from the same schema of
     * api-specs/registry.yaml, so the JSON of one is the other.
     */
    private <A, B> B convert(A value, Class<B> type) {
        return mapper.convertValue(value, type);
    }

    private <A, B> List<B> convert(List<A> values, Class<B> type) {
        return values.stream().map(value -> convert(value, type)).toList();
    }
}
