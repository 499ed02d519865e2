package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads the demo park ({@code demo/park.json}) into a running stack through the services' REST
 * APIs with a platform-admin token, exactly as an operator would: no SQL behind the services'
 * backs, so every record is validated and audited like any other.
 *
 * <p>It runs on every start and is idempotent: a record that is already there (409) is left as it
 * is, matrix entries are PUT (create or replace), and a status change is applied only while the
 * enterprise still has its first version.
 */
public final class DemoData {

    /** The service whose API the demo park is loaded into. */
    public static final String SERVICE = "registry";

    private static final String PARK = "/demo/park.json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** What was loaded, for the start-up banner. */
    public record Summary(int divisions, int agencies, int responsibilities, int enterprises, int outlets, int permits) {
    }

    /**
     * @param registryUrl the registry's base URL, e.g. {@code http://127.0.0.1:8081}
     * @param adminToken  gives a current platform-admin access token on each call (tokens live 5 minutes)
     */
    public Summary load(URI registryUrl, Supplier<String> adminToken) {
        JsonNode park = park();
        Api api = new Api(registryUrl, adminToken.get());
        for (JsonNode division : park.get("divisions")) {
            api.create("/api/v1/divisions", division);
        }
        for (JsonNode agency : park.get("agencies")) {
            api.create("/api/v1/agencies", agency);
        }
        for (JsonNode r : park.get("responsibilities")) {
            ObjectNode body = json.createObjectNode().put("agencyCode", r.get("agencyCode").asText());
            body.set("reason", r.get("reason"));
            api.send("PUT", "/api/v1/responsibilities/" + r.get("matterType").asText() + "/" + r.get("divisionCode").asText(),
                    body, null, Set.of(200));
        }
        int outlets = 0;
        int permits = 0;
        for (JsonNode enterprise : park.get("enterprises")) {
            String uscc = enterprise.get("uscc").asText();
            ObjectNode registration = json.createObjectNode();
            registration.set("uscc", enterprise.get("uscc"));
            registration.set("details", enterprise.get("details"));
            api.create("/api/v1/enterprises", registration);
            for (JsonNode outlet : enterprise.get("outlets")) {
                api.create("/api/v1/enterprises/" + uscc + "/outlets", outlet);
                outlets++;
            }
            for (JsonNode permit : enterprise.get("permits")) {
                api.create("/api/v1/enterprises/" + uscc + "/permits", permit);
                permits++;
            }
            if (enterprise.has("status")) {
                // only on a fresh load; a demo enterprise someone has changed since keeps its state
                api.send("POST", "/api/v1/enterprises/" + uscc + "/status-changes", enterprise.get("status"), "\"1\"",
                        Set.of(200, 409, 412));
            }
        }
        return new Summary(park.get("divisions").size(), park.get("agencies").size(), park.get("responsibilities").size(),
                park.get("enterprises").size(), outlets, permits);
    }

    /** The demo park as {@code demo/park.json} describes it (the other demo loaders read its enterprises too). */
    static JsonNode park() {
        try (InputStream in = DemoData.class.getResourceAsStream(PARK)) {
            if (in == null) {
                throw new IllegalStateException(PARK + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's API as an admin sees it; any unexpected answer stops the load with the problem body. */
    private final class Api {
        private final URI base;
        private final String token;

        Api(URI base, String token) {
            this.base = base;
            this.token = token;
        }

        void create(String path, JsonNode body) {
            send("POST", path, body, null, Set.of(201, 409));
        }

        void send(String method, String path, JsonNode body, String ifMatch, Set<Integer> expected) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (!expected.contains(response.statusCode())) {
                    throw new IllegalStateException("demo data: " + method + " " + path + " answered "
                            + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("demo data: " + method + " " + path + " at " + base + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading demo data", e);
            }
        }
    }
}
