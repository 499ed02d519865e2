package org.ecogov.runtime.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Makes the current {@link Caller} injectable, built from the request's {@link SecurityIdentity} and the
 * claims of its bearer token. Organisation and scopes are read only from tokens the gateway signed
 * ({@link GatewayTokens#signedByGateway}): a realm token's {@code scope} claim holds OAuth client scopes, which
 * grant nothing here.
 * <p>
 * With lazy authentication ({@code quarkus.http.auth.proactive=false}, which the platform requires) the
 * identity is resolved before the resource method runs only if the method is secured ({@code @RolesAllowed},
 * {@code @Authenticated}). An injected {@code Caller} is therefore safe in secured methods, and in any method
 * running on a worker thread; an unsecured method on the IO thread must use {@link #resolve()} instead,
 * because resolving the identity there would block the event loop (Quarkus refuses with a
 * {@code BlockingOperationNotAllowedException}).
 */
@ApplicationScoped
public class CallerProducer {

    static final String CLAIM_AGENCY = "agency";
    static final String CLAIM_JURISDICTION = "jurisdiction";
    static final String CLAIM_USCC = "uscc";
    static final String CLAIM_AUTHORIZED_PARTY = "azp";
    /** Keycloak names the client here instead of {@code azp} in some token kinds (token exchange). */
    static final String CLAIM_CLIENT_ID = "client_id";

    private final CurrentIdentityAssociation identities;

    public CallerProducer(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The caller of the current request; request scoped, so a singleton resource can inject it safely. */
    @Produces
    @RequestScoped
    Caller currentCaller() {
        return fromIdentity(identities.getIdentity());
    }

    /** The caller of the current request, without blocking; authenticates the request if nothing has yet. */
    public Uni<Caller> resolve() {
        return identities.getDeferredIdentity().map(CallerProducer::fromIdentity);
    }

    /**
     * The bearer token of the current request as a {@link Credential}, to call another service on the caller's
     * behalf; fails when the request carries no token.
     */
    public Uni<Credential> credential() {
        return identities.getDeferredIdentity().map(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
                return Credential.bearer(token.getRawToken());
            }
            throw new IllegalStateException("the request carries no bearer token to call on its behalf");
        });
    }

    /** Reads a caller out of an identity; anonymous (or null) identities give {@link Caller#anonymous()}. */
    public static Caller fromIdentity(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.anonymous();
        }
        Set<String> roles = identity.getRoles();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String clientId = firstNonBlank(claim(token, CLAIM_AUTHORIZED_PARTY), claim(token, CLAIM_CLIENT_ID));
            String username = firstNonBlank(claim(token, "preferred_username"), token.getName());
            boolean gateway = GatewayTokens.signedByGateway(identity);
            return new Caller(token.getSubject(), username, clientId, roles, claim(token, CLAIM_AGENCY),
                    claim(token, CLAIM_JURISDICTION), claim(token, CLAIM_USCC),
                    gateway ? claim(token, GatewayTokens.CLAIM_ORGANISATION) : null,
                    gateway ? scopes(claim(token, GatewayTokens.CLAIM_SCOPE)) : Set.of());
        }
        // not a token (e.g. a test identity): all we know is the name
        String name = identity.getPrincipal().getName();
        return new Caller(name, name, null, roles, null, null, null);
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return value.toString();
    }

    /** An OAuth {@code scope} claim: space-separated. */
    static Set<String> scopes(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(claim.strip().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
