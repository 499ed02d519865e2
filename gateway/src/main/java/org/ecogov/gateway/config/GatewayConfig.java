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

        Breaker breaker();
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
