package org.ecogov.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's configuration: the routing table (which service owns which paths), how long to wait for
 * each service, when to stop calling one that keeps failing, and how API-key callers are handled.
 * Everything a deployment changes is here; nothing about routes is in code.
 */
@ConfigMapping(prefix = "ecogov.gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name (registry, emissions, ...). */
    Map<String, Service> services();

    /** Paths the gateway answers itself (API keys, the enterprise profile), as patterns like a service's. */
    List<String> ownPaths();

    /** How keyed requests are forwarded: the short-lived token the gateway signs for the services. */
    Token token();

    /** API keys: cache and usage bookkeeping. */
    Keys keys();

    /** What the gateway's own metrics may name. */
    Metrics metrics();

    /** Rate limits of the callers without an API key (a key carries its own limit), and where all counters live. */
    RateLimits rateLimits();

    /**
     * Every request is counted: with an API key against the key's own limit; with a realm token against its subject
     * ({@code sub}) and its client ({@code azp}); without a valid credential against its address (an IPv6 address
     * by its /64). Windows are fixed and aligned to the epoch, so every replica starts and ends them together.
     */
    interface RateLimits {

        /**
         * Where the counters live: {@code memory}, each replica its own (with N replicas a caller gets up to N times
         * its limit), or {@code redis}, shared by every replica through quarkus-redis-client's default client
         * ({@code quarkus.redis.hosts}); while Redis cannot be reached a replica counts in its own memory.
         */
        @WithDefault("memory")
        CounterStore store();

        /** Requests per subject of a realm token (a person, or a department system's service account). */
        SubjectLimit subject();

        /** Requests per client of a realm token ({@code azp}), all its subjects together. */
        ClientLimit client();

        /** Requests per address without a valid credential: missing, malformed, expired, unknown or refused. */
        AnonymousLimit anonymous();

        /**
         * Requests per address to the operations open without a credential (a spec's {@code security: [{}]}, such
         * as anonymous complaint intake), counted apart from {@link #anonymous()}: past it the address is answered
         * 429 on those operations until its window ends.
         */
        OpenLimit open();

        /** Limits of named clients replacing {@link #client()} for them, e.g. {@code clients."inspector-app".requests}. */
        Map<String, NamedClientLimit> clients();

        /** The shared store (with {@code store=redis}). */
        Redis redis();
    }

    enum CounterStore {
        MEMORY, REDIS
    }

    interface SubjectLimit {

        @WithDefault("600")
        int requests();

        @WithDefault("60s")
        Duration window();
    }

    interface ClientLimit {

        @WithDefault("6000")
        int requests();

        @WithDefault("60s")
        Duration window();
    }

    interface AnonymousLimit {

        @WithDefault("60")
        int requests();

        @WithDefault("60s")
        Duration window();
    }

    interface OpenLimit {

        @WithDefault("60")
        int requests();

        @WithDefault("60s")
        Duration window();
    }

    interface NamedClientLimit {

        int requests();

        @WithDefault("60s")
        Duration window();
    }

    interface Redis {

        /** The longest wait for Redis to count a request; then this replica counts it in its own memory. */
        @WithDefault("100ms")
        Duration timeout();

        /** Consecutive failures (no connection, timeout) after which Redis is left alone for {@link #retryAfter()}. */
        @WithDefault("3")
        int failureThreshold();

        /** How long the replica counts in its own memory after Redis failed, before it tries Redis again. */
        @WithDefault("5s")
        Duration retryAfter();
    }

    interface Metrics {

        /**
         * How many API keys are named in {@code ecogov_gateway_key_requests_total}; the calls of keys beyond them
         * are counted under {@code key="other"} (still by organisation), so the number of series stays bounded.
         */
        @WithDefault("500")
        int maxKeys();
    }

    interface Service {

        /** Base URL of the service, e.g. {@code http://127.0.0.1:8081}. */
        String url();

        /**
         * The paths the service owns, as patterns: a literal path, {@code *} for one segment, a trailing
         * {@code **} for any rest (e.g. {@code /api/v1/enterprises/**}). The most specific pattern wins.
         */
        List<String> paths();

        /**
         * The longest a request may hold the service: from the call until the answer has been relayed whole. No
         * answer by then: the client gets a 504; an answer still streaming is cut off. Either way the connection to
         * the service is closed.
         */
        @WithDefault("10s")
        Duration timeout();

        /** The longest wait for a connection; a refused or unreachable service answers 503 at once. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** Connections kept to the service, per event loop. */
        @WithDefault("64")
        int maxConnections();

        /** Scope an API key needs for GET and HEAD here; absent means keys may not read this service. */
        Optional<String> readScope();

        /** Scope an API key needs for any other method; absent means keys may not write here. */
        Optional<String> writeScope();

        /** What the scope error names when keys may not write here at all (default {@code <service>:write}). */
        Optional<String> writeScopeName();

        /**
         * The service's operations by operationId, as its spec describes them (written by api-specs' GatewayRoutes).
         * When a service has them, an API key is checked per operation against its {@code key-scopes}, and the
         * read and write scopes above only decide for a method the spec does not have on a path.
         */
        Map<String, Operation> operations();

        Breaker breaker();
    }

    interface Operation {

        /** Method and path template, e.g. {@code GET /api/v1/enterprises/{uscc}}. */
        String route();

        /** Scopes any one of which lets an API key call the operation; without them keys may not call it. */
        Optional<List<String>> keyScopes();

        /** Whether a request without any credential may call it (counted per address, {@link RateLimits#open()}). */
        @WithDefault("false")
        boolean anonymous();

        /** A form field of the body in which an API key may come instead of a header (Open311's {@code api_key}). */
        Optional<String> apiKeyField();
    }

    interface Breaker {

        /**
         * Consecutive failures that open the circuit: no connection, 502/503/504, and deadline expiries, of which
         * each caller's count once per {@link #openFor()} (one caller's slow requests are not the service failing).
         */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial request is let through. */
        @WithDefault("10s")
        Duration openFor();
    }

    /**
     * The {@code iss} of the tokens the gateway signs. The same property tells the services which issuer is
     * the gateway (services/runtime), so one setting keeps both sides in step.
     */
    @WithDefault(org.ecogov.runtime.security.GatewayTokens.DEFAULT_ISSUER)
    String issuer();

    /**
     * The public half of the signing key (base64 X.509). The services verify the gateway's tokens with it
     * (services/runtime reads this same property); the gateway itself does not need it.
     */
    Optional<String> publicKey();

    interface Token {

        /** Lifetime of a signed token; the gateway reuses one per key for half of it. */
        @WithDefault("5m")
        Duration lifetime();

        /** The private signing key: base64 PKCS#8 DER (a PEM body without its header lines). */
        Optional<String> signingKey();

        /** Or the path of a PEM file holding it (PKCS#8, "BEGIN PRIVATE KEY"). */
        Optional<String> signingKeyFile();
    }

    interface Keys {

        /** How long a key read from the database is trusted before it is read again. */
        @WithDefault("30s")
        Duration cacheFor();

        /** How long "no such key" is remembered, so random keys cannot hammer the database. */
        @WithDefault("5s")
        Duration unknownCacheFor();

        /** How often each replica writes its usage counters to the database. */
        @WithDefault("5s")
        Duration usageFlushEvery();
    }
}
