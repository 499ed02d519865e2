package org.ecogov.clients.complaints;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.GuardedCalls;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.complaints.generated.api.ComplaintsApi;
import org.ecogov.clients.complaints.generated.api.DisclosureApi;
import org.ecogov.clients.complaints.generated.model.ComplaintPage;
import org.ecogov.clients.complaints.generated.model.DisclosedComplaintPage;
import org.ecogov.runtime.security.Credential;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The complaints service as the gateway's enterprise profile reads it: the REST client generated from
 * api-specs/complaints.yaml behind one SmallRye Fault Tolerance guard ({@link GuardedCalls}), called with the
 * caller's {@link Credential}, so complaints applies its own view (an officer the complaints of their agency and
 * jurisdiction, contact details only for the owning agency; a caller it does not serve is
 * {@link ServiceCallException.Kind#REFUSED}).
 */
@ApplicationScoped
public class ComplaintsClient {

    public static final String SERVICE = "complaints";

    private final ComplaintsApi complaints;
    private final DisclosureApi disclosure;
    private final GuardedCalls calls;

    public ComplaintsClient(@RestClient ComplaintsApi complaints, @RestClient DisclosureApi disclosure,
            ComplaintsClientConfig config, ObjectMapper json) {
        this.complaints = complaints;
        this.disclosure = disclosure;
        this.calls = new GuardedCalls(SERVICE, config, json);
    }

    /** The first page of the complaints naming the enterprise as suspected that the credential may see, by deadline. */
    public Uni<ComplaintPage> about(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> complaints.listComplaints(authorization, requestId, null, null, null, null, null,
                        uscc, null, limit)));
    }

    /**
     * The first page of the disclosed view of the complaints naming the enterprise as suspected, newest first: what
     * a caller the handled list refuses may know (anyone signed in, keys with {@code complaints:read}).
     */
    public Uni<DisclosedComplaintPage> disclosedAbout(Credential credential, String uscc, int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> disclosure.listDisclosedComplaints(authorization, requestId, null, null, uscc,
                        null, limit)));
    }
}
