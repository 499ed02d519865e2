package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The realm's token endpoint as a service under test meets it when it asks for its own identity (quarkus-oidc-client,
 * client credentials): {@code POST /token} with the client's id and secret in HTTP Basic (or the form), answered with
 * a {@link TestTokens} access token for {@code service-account-<client>} holding the configured roles. A wrong secret,
 * another grant or another method is refused as Keycloak refuses it (401/400/405), so a service that sends no or the
 * wrong credentials fails here as it would against the realm. Keycloak itself is the system tests' business
 * (deploy/local); this is the same issuer and key the services' tests already trust.
 */
final class TestTokenEndpoint implements AutoCloseable {

    static final String PATH = "/token";

    private final HttpServer server;
    private final String secret;
    private final List<String> roles;
    private final AtomicInteger issued = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    private TestTokenEndpoint(String secret, List<String> roles) {
        this.secret = secret;
        this.roles = List.copyOf(roles);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the test token endpoint", e);
        }
        server.createContext(PATH, this::answer);
        server.start();
    }

    /** An endpoint that hands every client presenting {@code secret} a token with {@code roles}. */
    static TestTokenEndpoint start(String secret, List<String> roles) {
        return new TestTokenEndpoint(secret, roles);
    }

    /** The base URL to configure as the client's {@code auth-server-url} (the token path is {@value #PATH}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many tokens were handed out. */
    int issued() {
        return issued.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, Map.of("error", "invalid_request"));
                return;
            }
            Map<String, String> form = Forms.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String client = form.get("client_id");
            String presented = form.get("client_secret");
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                String pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    client = Forms.unescape(pair.substring(0, colon));
                    presented = Forms.unescape(pair.substring(colon + 1));
                }
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                send(exchange, 400, Map.of("error", "unsupported_grant_type"));
            } else if (client == null || client.isBlank() || !secret.equals(presented)) {
                send(exchange, 401, Map.of("error", "invalid_client"));
            } else {
                String token = TestTokens.builder().username("service-account-" + client).clientId(client)
                        .roles(roles.toArray(String[]::new)).sign();
                issued.incrementAndGet();
                send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer",
                        "expires_in", TestTokens.LIFETIME.toSeconds()));
            }
        }
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** {@code application/x-www-form-urlencoded}, as an OAuth client sends it. */
    static final class Forms {
        private Forms() {
        }

        static Map<String, String> decode(String body) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = unescape(equals < 0 ? pair : pair.substring(0, equals));
                fields.putIfAbsent(name, equals < 0 ? "" : unescape(pair.substring(equals + 1)));
            }
            return fields;
        }

        static String unescape(String value) {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
    }
}
