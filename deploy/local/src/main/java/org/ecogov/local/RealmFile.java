package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What the launcher reads from the realm file itself, so the demo logins it prints never drift
 * from what Keycloak imports: the realm's name, its demo users and its clients' local secrets.
 */
public final class RealmFile {

    private final Path path;
    private final JsonNode realm;

    private RealmFile(Path path, JsonNode realm) {
        this.path = path;
        this.realm = realm;
    }

    public static RealmFile read(Path path) {
        try {
            return new RealmFile(path, new ObjectMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the realm file " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    public String realmName() {
        return realm.path("realm").asText();
    }

    /** The people of the realm (service-account users left out), in file order. */
    public List<DemoUser> users() {
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (user.hasNonNull("serviceAccountClientId")) {
                continue;
            }
            String password = StreamSupport.stream(user.path("credentials").spliterator(), false)
                    .filter(c -> "password".equals(c.path("type").asText()))
                    .map(c -> c.path("value").asText())
                    .findFirst().orElse("");
            List<String> roles = StreamSupport.stream(user.path("realmRoles").spliterator(), false)
                    .map(JsonNode::asText).toList();
            JsonNode attributes = user.path("attributes");
            users.add(new DemoUser(user.path("username").asText(), password, roles,
                    attribute(attributes, "agency"), attribute(attributes, "jurisdiction"),
                    attribute(attributes, "uscc")));
        }
        return users;
    }

    /** The secret a confidential client has in the realm file. */
    public Optional<String> clientSecret(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText()) && client.hasNonNull("secret")) {
                return Optional.of(client.path("secret").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> attribute(JsonNode attributes, String name) {
        JsonNode values = attributes.path(name);
        return values.isArray() && !values.isEmpty() ? Optional.of(values.get(0).asText()) : Optional.empty();
    }

    /** A demo login: username, password, realm roles and the identity claims it carries. */
    public record DemoUser(String username, String password, List<String> roles,
                           Optional<String> agency, Optional<String> jurisdiction, Optional<String> uscc) {
    }
}
