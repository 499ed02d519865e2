package org.ecogov.clients.enforcement;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.GuardedCalls;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.enforcement.generated.api.CasesApi;
import org.ecogov.clients.enforcement.generated.api.InspectionsApi;
import org.ecogov.clients.enforcement.generated.model.CasePage;
import org.ecogov.clients.enforcement.generated.model.DecisionPage;
import org.ecogov.clients.enforcement.generated.model.DisclosedDecisionPage;
import org.ecogov.clients.enforcement.generated.model.InspectionPage;
import org.ecogov.runtime.security.Credential;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The enforcement service as the gateway's enterprise profile reads it: the REST client generated from
 * api-specs/enforcement.yaml behind one SmallRye Fault Tolerance guard ({@link GuardedCalls}), called with the
 * caller's {@link Credential}, so enforcement applies its own scope rules (a caller it does not serve is
 * {@link ServiceCallException.Kind#REFUSED}; an inspector's list holds only their own inspections, an enterprise
 * reporter's list of decisions only its own enterprise's served ones).
 */
@ApplicationScoped
public class EnforcementClient {

    public static final String SERVICE = "enforcement";

    private final InspectionsApi inspections;
    private final CasesApi cases;
    private final GuardedCalls calls;

    public EnforcementClient(@RestClient InspectionsApi inspections, @RestClient CasesApi cases,
            EnforcementClientConfig config, ObjectMapper json) {
        this.inspections = inspections;
        this.cases = cases;
        this.calls = new GuardedCalls(SERVICE, config, json);
    }

    /** The first page of the enterprise's inspections the credential may see, newest first. */
    public Uni<InspectionPage> inspections(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> inspections.listInspections(authorization, requestId, uscc, null, null, null,
                        limit)));
    }

    /** The first page of the enterprise's cases (with their decisions) the credential may see, newest first. */
    public Uni<CasePage> cases(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> cases.listCases(authorization, requestId, uscc, null, null, limit)));
    }

    /**
     * The first page of the enterprise's decisions the credential may see, newest first: an enterprise reporter, whom
     * enforcement shows no inspection nor case, its own enterprise's served decisions.
     */
    public Uni<DecisionPage> decisions(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> cases.listDecisions(authorization, requestId, uscc, null, null, limit)));
    }

    /**
     * The first page of the enterprise's issued decisions as the public disclosure has them, newest service first:
     * for a caller enforcement shows neither cases nor decisions (a member of the public, a key with
     * {@code enforcement:read} or {@code disclosure:read}).
     */
    public Uni<DisclosedDecisionPage> disclosedDecisions(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> cases.listDisclosedDecisions(authorization, requestId, uscc, null, limit)));
    }
}
