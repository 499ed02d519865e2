package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services behind the gateway as {@code services.yaml} at the repository root lists them (the one list: the
 * build, the gateway and the local run all read it). The build needs of an entry its name (its spec is
 * {@code api-specs/<name>.yaml}), its local port (the gateway's default address for it) and the scopes a third
 * party's key needs there; the other fields are deploy/local's.
 */
public final class ServiceList {

    /** One listed service, as far as the contract and the gateway's routes are concerned. */
    public record Service(String name, int port, Optional<String> readScope, Optional<String> writeScope) {

        String spec() {
            return name + ".yaml";
        }
    }

    private ServiceList() {
    }

    /** The entries of a list file, in order; fails naming the file on a malformed or repeated entry. */
    public static List<Service> read(Path file) {
        JsonNode document;
        try {
            document = Yaml.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service list " + file, e);
        }
        List<Service> services = new ArrayList<>();
        for (JsonNode entry : document == null ? Yaml.mapper().createArrayNode() : document.path("services")) {
            String name = entry.path("name").asText("");
            int port = entry.path("port").asInt(0);
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException(file + ": service '" + name + "' needs a port");
            }
            services.add(new Service(name, port, text(entry, "read-scope"), text(entry, "write-scope")));
        }
        // the names' rules (malformed, reserved, repeated, none at all) are those of every service name
        Services.names(services.stream().map(Service::name).toList());
        return List.copyOf(services);
    }

    private static Optional<String> text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }
}
