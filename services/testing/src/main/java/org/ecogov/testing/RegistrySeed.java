package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records written into a running registry through its API (api-specs/registry.yaml), as a platform admin, the way an
 * operator enters them: the registry validates and audits each one, and any answer but the expected one stops the
 * test with the registry's problem. {@link #load(JsonNode)} takes a document shaped like deploy/local's demo park.
 * <pre>{@code
 * RegistryTestResource.seed()
 *         .enterprise("91341702MA2N0X5K3D", "Wusha Plating", "341702102001", true, 30.70, 117.39)
 *         .status("91341702MA2N0X5K3D", "suspended", "Dust control order");
 * }</pre>
 */
public final class RegistrySeed {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI registry;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    RegistrySeed(URI registry, String token) {
        this.registry = registry;
        this.token = token;
    }

    /** Divisions, agencies, responsibilities, then enterprises with their outlets, permits and status. */
    public RegistrySeed load(JsonNode park) {
        for (JsonNode division : park.path("divisions")) {
            post("/api/v1/divisions", division);
        }
        for (JsonNode agency : park.path("agencies")) {
            post("/api/v1/agencies", agency);
        }
        for (JsonNode r : park.path("responsibilities")) {
            responsibility(r.get("matterType").asText(), r.get("divisionCode").asText(), r.get("agencyCode").asText());
        }
        for (JsonNode enterprise : park.path("enterprises")) {
            String uscc = enterprise.get("uscc").asText();
            ObjectNode registration = json.createObjectNode();
            registration.set("uscc", enterprise.get("uscc"));
            registration.set("details", enterprise.get("details"));
            post("/api/v1/enterprises", registration);
            for (JsonNode outlet : enterprise.path("outlets")) {
                post("/api/v1/enterprises/" + uscc + "/outlets", outlet);
            }
            for (JsonNode permit : enterprise.path("permits")) {
                post("/api/v1/enterprises/" + uscc + "/permits", permit);
            }
            if (enterprise.has("status")) {
                send("POST", "/api/v1/enterprises/" + uscc + "/status-changes", enterprise.get("status"), "\"1\"", Set.of(200));
            }
        }
        return this;
    }

    /** A division; {@code parentCode} null for a province. */
    public RegistrySeed division(String code, String name, String parentCode) {
        ObjectNode division = json.createObjectNode().put("code", code).put("name", name);
        if (parentCode != null) {
            division.put("parentCode", parentCode);
        }
        post("/api/v1/divisions", division);
        return this;
    }

    /** An agency of {@code kind} (api-specs/registry.yaml AgencyKind) with its jurisdiction. */
    public RegistrySeed agency(String code, String name, String kind, String jurisdiction) {
        ObjectNode agency = json.createObjectNode().put("code", code);
        agency.putObject("details").put("name", name).put("kind", kind).put("jurisdiction", jurisdiction);
        post("/api/v1/agencies", agency);
        return this;
    }

    /** The lead agency for a matter type in a division (the responsibility matrix), created or replaced. */
    public RegistrySeed responsibility(String matterType, String divisionCode, String agencyCode) {
        ObjectNode body = json.createObjectNode().put("agencyCode", agencyCode).put("reason", "set by a test");
        send("PUT", "/api/v1/responsibilities/" + matterType + "/" + divisionCode, body, null, Set.of(200));
        return this;
    }

    /** An operating enterprise at a place, with made-up particulars the registry accepts. */
    public RegistrySeed enterprise(String uscc, String name, String divisionCode, boolean keyMonitored,
                                   double latitude, double longitude) {
        ObjectNode registration = json.createObjectNode().put("uscc", uscc);
        ObjectNode details = registration.putObject("details").put("name", name).put("legalRepresentative", "Zhang Wei")
                .put("industryCode", "C3211").put("address", "1 Test Road").put("divisionCode", divisionCode)
                .put("keyMonitored", keyMonitored);
        details.putObject("location").put("latitude", latitude).put("longitude", longitude);
        post("/api/v1/enterprises", registration);
        return this;
    }

    /** Moves a just-registered enterprise (version 1) to {@code status} (suspended or closed) with a reason. */
    public RegistrySeed status(String uscc, String status, String reason) {
        ObjectNode change = json.createObjectNode().put("status", status).put("reason", reason);
        send("POST", "/api/v1/enterprises/" + uscc + "/status-changes", change, "\"1\"", Set.of(200));
        return this;
    }

    private void post(String path, JsonNode body) {
        send("POST", path, body, null, Set.of(201));
    }

    private void send(String method, String path, JsonNode body, String ifMatch, Set<Integer> expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!expected.contains(response.statusCode())) {
                throw new IllegalStateException("registry seed: " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("registry seed: " + method + " " + path + " at " + registry + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the registry", e);
        }
    }
}
