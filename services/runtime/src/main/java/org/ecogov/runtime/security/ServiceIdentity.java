package org.ecogov.runtime.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * This service's own identity, for the calls it makes for itself (a background refresh, a scheduler): a token of
 * its own confidential client in the realm, by the client-credentials grant, through quarkus-oidc-client's named
 * client {@value #CLIENT}. The client is configured once for every service in this jar's
 * {@code microprofile-config.properties}; a service only says which client it is ({@code ecogov.service.client-id}
 * and {@code ecogov.service.client-secret}). The token carries the roles the realm gives that client's service
 * account, and the service called applies its rules to them as to anyone's.
 * <p>
 * A token is fetched when first needed and reused until it is about to expire
 * ({@code quarkus.oidc-client.service.refresh-token-time-skew}); concurrent callers share one fetch.
 */
@ApplicationScoped
public class ServiceIdentity implements Credential {

    /** The name of the OIDC client (quarkus.oidc-client.service.*). */
    public static final String CLIENT = "service";
    /** Which of the realm's clients this service is. */
    public static final String CLIENT_ID_PROPERTY = "ecogov.service.client-id";

    private final OidcClients clients;
    private final boolean configured;
    private volatile Tokens last;
    private final Uni<Tokens> tokens;

    public ServiceIdentity(OidcClients clients,
            @ConfigProperty(name = CLIENT_ID_PROPERTY) Optional<String> clientId) {
        this.clients = clients;
        this.configured = clientId.filter(id -> !id.isBlank()).isPresent();
        this.tokens = Uni.createFrom().deferred(() -> client().getTokens())
                .invoke(fresh -> last = fresh)
                .memoize().until(this::renew);
    }

    @Override
    public Uni<String> authorization() {
        return tokens.map(current -> "Bearer " + current.getAccessToken());
    }

    private OidcClient client() {
        if (!configured) {
            throw new IllegalStateException("this service has no identity of its own: set " + CLIENT_ID_PROPERTY
                    + " and ecogov.service.client-secret");
        }
        return clients.getClient(CLIENT);
    }

    /** Whether the remembered token (if any) must be replaced before use. */
    private boolean renew() {
        Tokens current = last;
        return current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval();
    }
}
