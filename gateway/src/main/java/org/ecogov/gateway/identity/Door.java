package org.ecogov.gateway.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.identity.ApiKeySecrets.Presented;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides who a request comes from. A realm token ({@code Authorization: Bearer}) is verified by
 * quarkus-oidc against the realm's keys, exactly as the services do, and remembered until it expires; an API key ({@code Authorization:
 * ApiKey} or {@code X-API-Key}) is looked up (cached), its secret compared in constant time, its expiry,
 * revocation and allowed addresses checked and the request counted against its rate limit. Anything else
 * is refused with a problem the client can act on.
 */
@ApplicationScoped
public class Door {

    public static final String API_KEY_HEADER = "X-API-Key";
    static final String CHALLENGE = "Bearer realm=\"ecogov\", ApiKey realm=\"ecogov\"";

    /** Bound on remembered tokens: at most this many distinct live tokens are remembered at once. */
    private static final int MAX_VERIFIED = 10_000;

    private record VerifiedToken(String token, SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, VerifiedToken> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final ApiKeyCache keys;
    private final RateLimiter limiter;
    private final UsageRecorder usage;
    private final KeyMetrics keyMetrics;
    private final GatewayTokens tokens;
    private final Clock clock;

    public Door(ApiKeyCache keys, RateLimiter limiter, UsageRecorder usage, KeyMetrics keyMetrics, GatewayTokens tokens,
            Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.limiter = limiter;
        this.usage = usage;
        this.keyMetrics = keyMetrics;
        this.tokens = tokens;
    }

    /**
     * Who the request comes from. A remembered token or a cached key answers at once (the future is already
     * complete, so the caller goes on in the same call); otherwise the answer comes on the request's own
     * Vert.x context, once the realm's keys or the database have been consulted.
     */
    public Future<GatewayCaller> authenticate(RoutingContext context) {
        HttpServerRequest request = context.request();
        String authorization = request.getHeader("Authorization");
        String headerKey = request.getHeader(API_KEY_HEADER);
        if (authorization != null && headerKey != null) {
            return Future.failedFuture(unauthenticated("Send one credential: a bearer token or an API key, not both."));
        }
        if (headerKey != null) {
            return keyed(headerKey, address(request));
        }
        if (authorization == null || authorization.isBlank()) {
            return Future.failedFuture(unauthenticated(
                    "A bearer token from the ecogov realm or an API key is required."));
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credential = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("ApiKey")) {
            return keyed(credential, address(request));
        }
        if (!scheme.equalsIgnoreCase("Bearer") || credential.isEmpty()) {
            return Future.failedFuture(unauthenticated(
                    "Authorization must be 'Bearer <token>' or 'ApiKey <key>'."));
        }
        return bearer(context, credential);
    }

    private Future<GatewayCaller> bearer(RoutingContext context, String token) {
        VerifiedToken known = verified.get(cacheKey(token));
        // the system's time, not the Clock: quarkus-oidc verified the token's expiry against it, and a remembered
        // token must expire exactly when a fresh verification would refuse it
        if (known != null && System.currentTimeMillis() < known.expiresAtMillis() && known.token().equals(token)) {
            return Future.succeededFuture(new GatewayCaller.Bearer(token, known.identity()));
        }
        Uni<GatewayCaller> verifying = QuarkusHttpUser.getSecurityIdentity(context, null)
                .onFailure(e -> e instanceof AuthenticationFailedException || e instanceof AuthenticationCompletionException)
                .transform(e -> unauthenticated("The bearer token is not valid: it is expired, malformed, not for"
                        + " this platform, or not signed by the ecogov realm."))
                .onFailure(OIDCException.class)
                .transform(e -> ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                        "The identity provider cannot be reached to verify the token; try again shortly.")
                        .withHeaders(Map.of("Retry-After", "5")))
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        throw unauthenticated("The bearer token is not valid.");
                    }
                    remember(token, identity);
                    return new GatewayCaller.Bearer(token, identity);
                });
        return onThisContext(verifying);
    }

    private Future<GatewayCaller> keyed(String text, String address) {
        if (!tokens.canSign()) {
            // a keyed request reaches a service only with a token signed here
            return Future.failedFuture(ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "API keys cannot be used: this gateway has no signing key (ecogov.gateway.token.signing-key)."));
        }
        Presented presented = ApiKeySecrets.parse(text).orElse(null);
        if (presented == null) {
            return Future.failedFuture(unauthenticated("The API key is not valid."));
        }
        return keys.get(presented.id()).map(found -> {
            Instant now = clock.now();
            ApiKeyRecord key = found.filter(k -> k.acceptsSecret(presented.secret(), now))
                    .orElseThrow(() -> unauthenticated("The API key is not valid."));
            switch (key.status(now)) {
                case REVOKED -> throw unauthenticated("The API key " + key.id() + " has been revoked.");
                case EXPIRED -> throw unauthenticated("The API key " + key.id() + " expired at " + key.expiresAt() + ".");
                case ACTIVE -> { }
            }
            if (!key.allowsAddress(address)) {
                usage.refused(key.id(), address);
                keyMetrics.refused(key);
                throw ProblemException.of(ProblemType.FORBIDDEN,
                        "The API key " + key.id() + " may not be used from " + address + ".");
            }
            RateLimiter.Decision rate = limiter.acquire(key.id(), key.rateRequests(), key.rateWindowSeconds());
            if (!rate.allowed()) {
                usage.refused(key.id(), address);
                keyMetrics.refused(key);
                Map<String, String> headers = new LinkedHashMap<>(GatewayCaller.rateHeaders(rate));
                headers.put("Retry-After", Long.toString(rate.resetSeconds()));
                throw ProblemException.of(ProblemType.RATE_LIMITED, "The API key " + key.id() + " may make "
                        + key.rateRequests() + " requests per " + key.rateWindowSeconds() + " s; try again in "
                        + rate.resetSeconds() + " s.").withHeaders(headers);
            }
            return new GatewayCaller.Keyed(key, address, rate);
        });
    }

    /**
     * Lets a keyed request through only if its key has one of these scopes; counts it either way. Bearers
     * pass: the services decide what their roles allow.
     *
     * @param named the scope to name when refusing
     */
    public void requireScope(GatewayCaller caller, String named, String... accepted) {
        if (!(caller instanceof GatewayCaller.Keyed keyed)) {
            return;
        }
        for (String scope : accepted) {
            if (scope != null && keyed.hasScope(scope)) {
                usage.served(keyed.key().id(), keyed.address());
                keyMetrics.served(keyed.key());
                return;
            }
        }
        usage.refused(keyed.key().id(), keyed.address());
        keyMetrics.refused(keyed.key());
        throw ProblemException.of(ProblemType.INSUFFICIENT_SCOPE, "This needs the scope " + named
                + ", which the API key " + keyed.key().id() + " does not have.").withHeaders(keyed.responseHeaders());
    }

    /**
     * Remembers a verified token until it expires, so that a client sending the same token again (a
     * department system does, for its token's five minutes) costs a map lookup instead of a signature check.
     * Only the exact text of a token that passed verification is ever found here; the services verify every
     * token themselves anyway.
     */
    private void remember(String token, SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        if (verified.size() >= MAX_VERIFIED) {
            long now = System.currentTimeMillis();
            verified.values().removeIf(v -> v.expiresAtMillis() <= now);
            if (verified.size() >= MAX_VERIFIED) {
                verified.clear();
            }
        }
        verified.put(cacheKey(token), new VerifiedToken(token, identity, jwt.getExpirationTime() * 1000));
    }

    /**
     * The end of the token's signature: distinct per token, and short, so a lookup does not hash a kilobyte
     * of text on every request (the whole token is still compared before a remembered identity is used).
     */
    private static String cacheKey(String token) {
        return token.length() <= 48 ? token : token.substring(token.length() - 48);
    }

    /** A Mutiny answer as a Vert.x future completed on the calling Vert.x context (if there is one). */
    static <T> Future<T> onThisContext(Uni<T> answer) {
        Context context = Vertx.currentContext();
        CompletionStage<T> stage = answer.subscribeAsCompletionStage();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }

    static ProblemException unauthenticated(String detail) {
        return ProblemException.of(ProblemType.UNAUTHENTICATED, detail).withHeaders(Map.of("WWW-Authenticate", CHALLENGE));
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }
}
