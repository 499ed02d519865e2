package org.ecogov.complaints.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.ServiceIdentity;

import io.smallrye.mutiny.Uni;

/**
 * Who leads on a complaint, asked of the registry's responsibility matrix with the service's own identity
 * (complaints-service, role registry-reader): routing is the service's duty, whoever filed, and a member of the
 * public's token could not read an enterprise's record. Through services/clients' {@link RegistryClient} (timeout,
 * retry of reads, circuit breaker).
 */
@ApplicationScoped
public class LeadAgencies {

    /** The agency that leads, and the division code whose matrix entry decided it. */
    public record Lead(String agencyCode, String agencyName, String decidedAt) {
    }

    private final RegistryClient registry;
    private final ServiceIdentity identity;

    public LeadAgencies(RegistryClient registry, ServiceIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    /** The lead agency for {@code category} at {@code divisionCode}; 422 {@code no-lead-agency} if the matrix has none. */
    public Uni<Lead> lead(String category, String divisionCode) {
        return registry.leadAgency(identity, category, divisionCode)
                .map(lead -> new Lead(lead.getAgency().getCode(),
                        lead.getAgency().getDetails() == null ? null : lead.getAgency().getDetails().getName(),
                        lead.getDecidedAt()))
                .onFailure(ServiceCallException.class).transform(failure -> {
                    ServiceCallException call = (ServiceCallException) failure;
                    if (call.kind() == ServiceCallException.Kind.NOT_FOUND) {
                        return ProblemException.of(ComplaintProblem.NO_LEAD_AGENCY, "The registry's responsibility matrix"
                                + " names no agency for " + category + " matters at " + divisionCode + " or above it.");
                    }
                    return unavailable(call);
                });
    }

    /** The division code the suspected enterprise is registered at; 400 naming the field if the registry has no such enterprise. */
    public Uni<String> divisionOf(String uscc, String field) {
        return registry.enterprise(identity, uscc)
                .map(enterprise -> enterprise.getDetails().getDivisionCode())
                .onFailure(ServiceCallException.class).transform(failure -> {
                    ServiceCallException call = (ServiceCallException) failure;
                    if (call.kind() == ServiceCallException.Kind.NOT_FOUND) {
                        return ProblemException.field(ProblemType.VALIDATION_FAILED, field,
                                "no enterprise " + uscc + " in the registry: give location.divisionCode to route the complaint");
                    }
                    return unavailable(call);
                });
    }

    /**
     * The agency a complaint is to be transferred to, checked in the registry: 400 naming the field if the registry
     * has no agency of this code, 503 if it cannot be asked (nothing is written then).
     */
    public Uni<String> existingAgency(String code, String field) {
        return registry.agency(identity, code)
                .map(agency -> agency.getCode())
                .onFailure(ServiceCallException.class).transform(failure -> {
                    ServiceCallException call = (ServiceCallException) failure;
                    if (call.kind() == ServiceCallException.Kind.NOT_FOUND) {
                        return ProblemException.field(ProblemType.VALIDATION_FAILED, field,
                                "no agency " + code + " in the registry");
                    }
                    return ProblemException.of(ProblemType.SERVICE_UNAVAILABLE, "The receiving agency cannot be checked"
                            + " now: the registry is unavailable (" + call.kind() + "). Nothing was written; try again shortly.");
                });
    }

    private static ProblemException unavailable(ServiceCallException call) {
        return ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                "The complaint cannot be routed now: the registry is unavailable (" + call.kind() + "). Nothing was filed;"
                        + " try again shortly.");
    }
}
