package org.ecogov.gateway.identity;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.config.GatewayConfig;
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
 * Decides who a request comes from, for every request under {@code /api/v1/}, the gateway's own operations
 * included. One credential per request: a realm token ({@code Authorization: Bearer}) is verified by quarkus-oidc
 * against the realm's keys, exactly as the services do, and remembered until it expires; an API key
 * ({@code Authorization: ApiKey} or {@code X-API-Key}) is looked up (cached), its secret compared in constant time,
 * its expiry, revocation and allowed addresses checked. Both at once, or anything else, is refused with a problem
 * the client can act on.
 * <p>
 * Every request is counted ({@link RateLimiter}): a key's against the key's own limit, a token's against its subject
 * and its client ({@code ecogov.gateway.rate-limits.subject}, {@code .client}, {@code .clients."<id>"}), and one
 * without a valid credential against its address ({@code .anonymous}): past its limit such an address is answered 429
 * instead of 401, and a token it sends is not even verified until its window ends.
 */
@ApplicationScoped
public class Door {

    public static final String API_KEY_HEADER = "X-API-Key";
    static final String CHALLENGE = "Bearer realm=\"ecogov\", ApiKey realm=\"ecogov\"";

    /** Bound on remembered tokens: at most this many distinct live tokens are remembered at once. */
    private static final int MAX_VERIFIED = 10_000;

    private record VerifiedToken(String token, SecurityIdentity identity, long expiresAtMillis) {
    }

    /** Quarkus's per-request authentication failure handler, replaced: the door answers a refused token itself. */
    private static final java.util.function.BiConsumer<RoutingContext, Throwable> IGNORE_FAILURE = (context, failure) -> {
    };

    /** Where the door leaves its decision for the gateway's own resources ({@link #callerOf}). */
    private static final String CALLER = GatewayCaller.class.getName();

    private final Map<String, VerifiedToken> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final ApiKeyCache keys;
    private final RateLimiter limiter;
    private final UsageRecorder usage;
    private final KeyMetrics keyMetrics;
    private final GatewayTokens tokens;
    private final Clock clock;
    private final GatewayConfig.RateLimits limits;

    public Door(ApiKeyCache keys, RateLimiter limiter, UsageRecorder usage, KeyMetrics keyMetrics, GatewayTokens tokens,
            Clock clock, GatewayConfig config) {
        this.clock = clock;
        this.keys = keys;
        this.limiter = limiter;
        this.usage = usage;
        this.keyMetrics = keyMetrics;
        this.tokens = tokens;
        this.limits = config.rateLimits();
    }

    /**
     * Who the request comes from. A remembered token or a cached key answers at once (the future is already
     * complete, so the caller goes on in the same call) unless the counters live in Redis; otherwise the answer
     * comes on the request's own Vert.x context, once the realm's keys, the database or Redis have been consulted.
     */
    public Future<GatewayCaller> authenticate(RoutingContext context) {
        HttpServerRequest request = context.request();
        String address = address(request);
        return identify(context, address).recover(failure -> countedAgainstTheAddress(failure, address));
    }

    /**
     * Who a request for an operation open to everyone comes from ({@code openToAnyone}: its spec's {@code security}
     * holds the empty requirement): with no credential at all, an {@link GatewayCaller.Anonymous} caller counted
     * against its address ({@code ecogov.gateway.rate-limits.open}); a credential it does send is checked as
     * always, so a wrong one is still refused rather than ignored.
     */
    public Future<GatewayCaller> authenticate(RoutingContext context, boolean openToAnyone) {
        HttpServerRequest request = context.request();
        if (openToAnyone && request.getHeader("Authorization") == null && request.getHeader(API_KEY_HEADER) == null) {
            return open(address(request));
        }
        return authenticate(context);
    }

    /**
     * Who a request comes from whose API key came in the body (Open311's {@code api_key} form field) rather than a
     * header: checked and counted exactly as a key in a header.
     */
    public Future<GatewayCaller> authenticateKey(RoutingContext context, String key) {
        String address = address(context.request());
        return keyed(key, address).recover(failure -> countedAgainstTheAddress(failure, address));
    }

    private Future<GatewayCaller> open(String address) {
        RateLimiter.Bucket bucket = new RateLimiter.Bucket(RateCounters.ADDRESS + "open:" + counted(address),
                limits.open().requests(), seconds(limits.open().window()));
        return limiter.acquire(bucket).map(rate -> {
            if (!rate.allowed()) {
                throw rateLimited(rate, "Too many requests without a credential from " + address + ": at most "
                        + rate.limit() + " in this window; try again in " + rate.resetSeconds() + " s.");
            }
            return new GatewayCaller.Anonymous(address, rate);
        });
    }

    /**
     * Authenticates the request and leaves the caller in the routing context for the gateway's own resources, which
     * read it with {@link #callerOf} (so a request is authenticated and counted once); a realm token's identity also
     * becomes the request's security identity there.
     */
    public Future<GatewayCaller> admit(RoutingContext context) {
        return authenticate(context).map(caller -> {
            context.put(CALLER, caller);
            if (caller instanceof GatewayCaller.Bearer bearer) {
                QuarkusHttpUser.setIdentity(bearer.identity(), context);
            }
            return caller;
        });
    }

    /** The caller the door admitted for this request ({@link #admit}). */
    public static GatewayCaller callerOf(RoutingContext context) {
        GatewayCaller caller = context.get(CALLER);
        if (caller == null) {
            throw new IllegalStateException("the door did not admit " + context.normalizedPath());
        }
        return caller;
    }

    private Future<GatewayCaller> identify(RoutingContext context, String address) {
        HttpServerRequest request = context.request();
        String authorization = request.getHeader("Authorization");
        String headerKey = request.getHeader(API_KEY_HEADER);
        if (authorization != null && headerKey != null) {
            return Future.failedFuture(unauthenticated("Send one credential: a bearer token or an API key, not both."));
        }
        if (headerKey != null) {
            return keyed(headerKey, address);
        }
        if (authorization == null || authorization.isBlank()) {
            return Future.failedFuture(unauthenticated(
                    "A bearer token from the ecogov realm or an API key is required."));
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credential = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("ApiKey")) {
            return keyed(credential, address);
        }
        if (!scheme.equalsIgnoreCase("Bearer") || credential.isEmpty()) {
            return Future.failedFuture(unauthenticated(
                    "Authorization must be 'Bearer <token>' or 'ApiKey <key>'."));
        }
        return bearer(context, credential, address);
    }

    private Future<GatewayCaller> bearer(RoutingContext context, String token, String address) {
        VerifiedToken known = verified.get(cacheKey(token));
        // the system's time, not the Clock: quarkus-oidc verified the token's expiry against it, and a remembered
        // token must expire exactly when a fresh verification would refuse it
        if (known != null && System.currentTimeMillis() < known.expiresAtMillis() && known.token().equals(token)) {
            return limited(token, known.identity());
        }
        RateLimiter.Bucket anonymous = anonymousBucket(address);
        return limiter.exhausted(anonymous).compose(exhausted -> {
            if (exhausted) {
                // this address keeps failing: its next token is not verified until its window ends
                return limiter.acquire(anonymous).compose(rate -> Future.<SecurityIdentity>failedFuture(rateLimited(rate,
                        "Too many requests without a valid credential from " + address + "; try again in "
                                + rate.resetSeconds() + " s.")));
            }
            return onThisContext(verify(context, token));
        }).compose(identity -> limited(token, identity));
    }

    private Uni<SecurityIdentity> verify(RoutingContext context, String token) {
        // the door answers a refused token itself (problem+json, counted against the address): Quarkus's own
        // handler would answer first, bare
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_FAILURE);
        return QuarkusHttpUser.getSecurityIdentity(context, null)
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
                    return identity;
                });
    }

    /** Counts a realm token's request against its subject and its client. */
    private Future<GatewayCaller> limited(String token, SecurityIdentity identity) {
        String subject = identity.getPrincipal().getName();
        String client = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
            client = jwt.getClaim("azp");
        }
        RateLimiter.Bucket bySubject = new RateLimiter.Bucket("subject:" + subject, limits.subject().requests(),
                seconds(limits.subject().window()));
        RateLimiter.Bucket byClient = client == null ? null : clientBucket(client);
        Future<RateLimiter.Decision> counted = byClient == null ? limiter.acquire(bySubject)
                : limiter.acquire(bySubject, byClient);
        String who = client == null ? subject : subject + " (client " + client + ")";
        return counted.map(rate -> {
            if (!rate.allowed()) {
                throw rateLimited(rate, "Too many requests from " + who + ": at most " + rate.limit()
                        + " in this window; try again in " + rate.resetSeconds() + " s.");
            }
            return new GatewayCaller.Bearer(token, identity, rate);
        });
    }

    private RateLimiter.Bucket clientBucket(String client) {
        GatewayConfig.NamedClientLimit named = limits.clients().get(client);
        return named != null
                ? new RateLimiter.Bucket("client:" + client, named.requests(), seconds(named.window()))
                : new RateLimiter.Bucket("client:" + client, limits.client().requests(), seconds(limits.client().window()));
    }

    /**
     * A request without a valid credential counts against its address; past the address's limit it is answered 429
     * (with the address's RateLimit headers) instead of 401. Other refusals (a valid key used from the wrong place,
     * over its own limit, or no signing key) are the key's, not the address's.
     */
    private Future<GatewayCaller> countedAgainstTheAddress(Throwable failure, String address) {
        if (!(failure instanceof ProblemException refusal) || refusal.type() != ProblemType.UNAUTHENTICATED) {
            return Future.failedFuture(failure);
        }
        return limiter.acquire(anonymousBucket(address)).compose(rate -> Future.<GatewayCaller>failedFuture(rate.allowed()
                ? refusal.withHeaders(GatewayCaller.rateHeaders(rate))
                : rateLimited(rate, "Too many requests without a valid credential from " + address + "; try again in "
                        + rate.resetSeconds() + " s.")));
    }

    /** An address as it is counted: an IPv6 address by its /64, which one subscriber usually holds whole. */
    RateLimiter.Bucket anonymousBucket(String address) {
        return new RateLimiter.Bucket(RateCounters.ADDRESS + counted(address), limits.anonymous().requests(),
                seconds(limits.anonymous().window()));
    }

    static String counted(String address) {
        if (!address.contains(":")) {
            return address;
        }
        return IpRange.literal(address).filter(bytes -> bytes.length == 16)
                .map(bytes -> HexFormat.of().formatHex(bytes, 0, 8) + "::/64").orElse(address);
    }

    private static int seconds(java.time.Duration window) {
        return (int) Math.max(1, window.toSeconds());
    }

    static ProblemException rateLimited(RateLimiter.Decision rate, String detail) {
        Map<String, String> headers = new LinkedHashMap<>(GatewayCaller.rateHeaders(rate));
        headers.put("Retry-After", Long.toString(rate.resetSeconds()));
        return ProblemException.of(ProblemType.RATE_LIMITED, detail).withHeaders(headers);
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
        return keys.get(presented.id()).compose(found -> {
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
            return limiter.acquire(new RateLimiter.Bucket(keyBucket(key.id()), key.rateRequests(), key.rateWindowSeconds()))
                    .map(rate -> {
                        if (!rate.allowed()) {
                            usage.refused(key.id(), address);
                            keyMetrics.refused(key);
                            throw rateLimited(rate, "The API key " + key.id() + " may make " + key.rateRequests()
                                    + " requests per " + key.rateWindowSeconds() + " s; try again in "
                                    + rate.resetSeconds() + " s.");
                        }
                        return (GatewayCaller) new GatewayCaller.Keyed(key, address, rate);
                    });
        });
    }

    /** The rate-limit counter of an API key. */
    public static String keyBucket(String keyId) {
        return "key:" + keyId;
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

    /** Refuses a keyed request to an operation no key scope opens (the spec names none), counting the refusal. */
    public void refuseKey(GatewayCaller caller, String operation) {
        if (!(caller instanceof GatewayCaller.Keyed keyed)) {
            return;
        }
        usage.refused(keyed.key().id(), keyed.address());
        keyMetrics.refused(keyed.key());
        throw ProblemException.of(ProblemType.INSUFFICIENT_SCOPE, "API keys may not call " + operation
                + ": no key scope opens it (only a realm token may).").withHeaders(keyed.responseHeaders());
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
