package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The gateway's API-key management ({@code /api/v1/api-keys}, api-specs/gateway.yaml) as a
 * platform-admin uses it, for the demo key of the local run and for the system tests. Any answer
 * other than the one the contract promises fails with the gateway's problem body.
 */
public final class GatewayApiKeys {

    private static final String PATH = "/api/v1/api-keys";

    private final URI gateway;
    private final Supplier<String> adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param gateway    the gateway's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param adminToken gives a current platform-admin access token (asked once per call)
     */
    public GatewayApiKeys(URI gateway, Supplier<String> adminToken) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    }

    /** What to issue: an organisation's key with scopes, an expiry and a rate limit. */
    public record Request(String organisation, String organisationName, String name, List<String> scopes,
                          Instant expiresAt, int requests, int windowSeconds) {

        public Request {
            scopes = List.copyOf(scopes);
        }
    }

    /** A key as issued: its public id, the whole key (shown only this once) and its metadata. */
    public record Issued(String id, String key, JsonNode apiKey) {

        @Override
        public String toString() {
            return "Issued[" + id + "]"; // never the secret
        }
    }

    public Issued create(Request request) {
        ObjectNode body = json.createObjectNode()
                .put("organisation", request.organisation())
                .put("organisationName", request.organisationName())
                .put("name", request.name())
                .put("expiresAt", rfc3339(request.expiresAt()));
        request.scopes().forEach(body.putArray("scopes")::add);
        body.putObject("rateLimit").put("requests", request.requests()).put("windowSeconds", request.windowSeconds());
        return issued(send("POST", PATH, body, 201));
    }

    /** Revokes the key at once; its next request is refused. */
    public JsonNode revoke(String id, String reason) {
        return send("POST", PATH + "/" + id + "/revocation", json.createObjectNode().put("reason", reason), 200);
    }

    /** A new secret for the key; the old one keeps working for {@code gracePeriodSeconds} (0: not at all). */
    public Issued rotate(String id, int gracePeriodSeconds) {
        return issued(send("POST", PATH + "/" + id + "/rotation",
                json.createObjectNode().put("gracePeriodSeconds", gracePeriodSeconds), 200));
    }

    public JsonNode get(String id) {
        return send("GET", PATH + "/" + id, null, 200);
    }

    public JsonNode usage(String id) {
        return send("GET", PATH + "/" + id + "/usage", null, 200);
    }

    /** Every key of the organisation with the status ({@code active}, {@code expired}, {@code revoked}), all pages. */
    public List<JsonNode> list(String organisation, String status) {
        List<JsonNode> keys = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?limit=100&organisation=" + encode(organisation) + "&status=" + encode(status)
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = send("GET", PATH + query, null, 200);
            page.path("items").forEach(keys::add);
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (cursor != null);
        return keys;
    }

    /** RFC 3339 in UTC, to the second, as the contract's pattern takes it. */
    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    private Issued issued(JsonNode body) {
        return new Issued(body.at("/apiKey/id").asText(), body.get("key").asText(), body.get("apiKey"));
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + adminToken.get())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("API keys: " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("API keys: " + method + " " + path + " at " + gateway, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the gateway", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
