package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of Keycloak's admin REST API the system tests make, as the master realm's administrator client
 * (client credentials: no password grant anywhere).
 */
final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final Tokens master;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakAdmin(URI baseUrl, String clientId, String clientSecret) {
        this.baseUrl = baseUrl;
        this.master = new Tokens(URI.create(baseUrl + "/realms/master"), "unused", "unused");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Every client of the realm as the admin API lists it, Keycloak's built-in ones included. */
    List<JsonNode> clients(String realm) {
        List<JsonNode> clients = new ArrayList<>();
        get("/admin/realms/" + realm + "/clients?max=1000").forEach(clients::add);
        return clients;
    }

    /** The secret of a confidential client (by its internal id), if it has one. */
    Optional<String> clientSecret(String realm, String id) {
        HttpResponse<String> response = send(request("/admin/realms/" + realm + "/clients/" + id + "/client-secret").GET());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode secret = JSON.readTree(response.body());
            return secret.hasNonNull("value") ? Optional.of(secret.get("value").asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Creates a client from its representation; answers its internal id. */
    String createClient(String realm, Map<String, Object> representation) {
        HttpResponse<String> response = send(request("/admin/realms/" + realm + "/clients")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(representation))));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a client: " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Records the realm's user events of these types (e.g. CLIENT_LOGIN, a client-credentials grant), an hour long. */
    void recordEvents(String realm, List<String> types) {
        HttpResponse<String> response = send(request("/admin/realms/" + realm + "/events/config")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of("eventsEnabled", true, "enabledEventTypes", types,
                        "eventsExpiration", 3600)))));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("recording events: " + response.statusCode() + " " + response.body());
        }
    }

    /** The realm's recorded events of a type for a client, newest first. */
    List<JsonNode> events(String realm, String type, String client) {
        List<JsonNode> events = new ArrayList<>();
        get("/admin/realms/" + realm + "/events?type=" + type + "&client=" + client + "&max=1000").forEach(events::add);
        return events;
    }

    void deleteClient(String realm, String id) {
        send(request("/admin/realms/" + realm + "/clients/" + id).DELETE());
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        String token = master.clientCredentials(clientId, clientSecret).value();
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's admin API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
