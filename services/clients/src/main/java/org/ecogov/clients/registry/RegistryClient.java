package org.ecogov.clients.registry;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.GuardedCalls;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.generated.api.AgenciesApi;
import org.ecogov.clients.registry.generated.api.EnterprisesApi;
import org.ecogov.clients.registry.generated.api.OutletsApi;
import org.ecogov.clients.registry.generated.api.PermitsApi;
import org.ecogov.clients.registry.generated.model.Agency;
import org.ecogov.clients.registry.generated.model.Enterprise;
import org.ecogov.clients.registry.generated.model.EnterprisePage;
import org.ecogov.clients.registry.generated.model.LeadAgency;
import org.ecogov.clients.registry.generated.model.MatterType;
import org.ecogov.clients.registry.generated.model.Outlet;
import org.ecogov.clients.registry.generated.model.Permit;
import org.ecogov.runtime.security.Credential;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The registry as the other services call it: the REST client generated from api-specs/registry.yaml, behind
 * one SmallRye Fault Tolerance guard ({@link GuardedCalls}: timeout, a retry of reads that found the registry
 * down, a circuit breaker). Every call names its {@link Credential}: the caller's token when the call is made for
 * the caller, {@code ServiceIdentity} when the service makes it for itself; the registry applies its access rules
 * to whichever it is. The request id of the work at hand goes with every call. Failures are
 * {@link ServiceCallException}s; a 404 is {@link ServiceCallException.Kind#NOT_FOUND} (not there, or not in the
 * credential's scope).
 * <p>
 * The answers are the generated models of the registry's contract, which ignore members they do not know, so the
 * registry can add fields without breaking its callers.
 */
@ApplicationScoped
public class RegistryClient {

    public static final String SERVICE = "registry";

    private final EnterprisesApi enterprises;
    private final OutletsApi outlets;
    private final PermitsApi permits;
    private final AgenciesApi agencies;
    private final GuardedCalls calls;

    public RegistryClient(@RestClient EnterprisesApi enterprises, @RestClient OutletsApi outlets,
            @RestClient PermitsApi permits, @RestClient AgenciesApi agencies, RegistryClientConfig config,
            ObjectMapper json) {
        this.enterprises = enterprises;
        this.outlets = outlets;
        this.permits = permits;
        this.agencies = agencies;
        this.calls = new GuardedCalls(SERVICE, config, json);
    }

    /** The enterprise's record, if the credential may see it. */
    public Uni<Enterprise> enterprise(Credential credential, String uscc) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> enterprises.getEnterprise(authorization, requestId, uscc)));
    }

    /** The enterprise's discharge outlets, ordered by code. */
    public Uni<List<Outlet>> outlets(Credential credential, String uscc) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> outlets.listOutlets(authorization, requestId, uscc))
                .map(list -> list.getItems()));
    }

    /** The enterprise's discharge permits. */
    public Uni<List<Permit>> permits(Credential credential, String uscc) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> permits.listPermits(authorization, requestId, uscc))
                .map(list -> list.getItems()));
    }

    /**
     * A page of the enterprises the credential may see, ordered by USCC (a service keeping a copy of what it needs
     * walks them with {@code next}); null arguments are left out.
     */
    public Uni<EnterprisePage> enterprises(Credential credential, String divisionCode, String cursor, Integer limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> enterprises.listEnterprises(authorization, requestId, divisionCode, null, null,
                        null, null, null, cursor, limit)));
    }

    /** The agency of this code (its name, kind and jurisdiction); a 404 ({@link ServiceCallException.Kind#NOT_FOUND}) when there is none. */
    public Uni<Agency> agency(Credential credential, String code) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                .chain(authorization -> agencies.getAgency(authorization, requestId, code)));
    }

    /**
     * The agency that leads on a kind of matter at a place: the registry walks up from {@code divisionCode} to the
     * nearest entry of its responsibility matrix ({@code matterType} as the contract spells it, e.g.
     * {@code solid-waste}). A 404 ({@link ServiceCallException.Kind#NOT_FOUND}) means no entry on the way up.
     */
    public Uni<LeadAgency> leadAgency(Credential credential, String matterType, String divisionCode) {
        String requestId = GuardedCalls.requestId();
        MatterType type = MatterType.fromString(matterType);
        return calls.read(() -> credential.authorization()
                .chain(authorization -> agencies.findLeadAgency(authorization, requestId, type, divisionCode)));
    }
}
