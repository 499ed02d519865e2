package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The services behind the gateway, as {@code services.yaml} at the repository root lists them: the local run and
 * the system tests start each one from this list, so that a new service is a new entry, not new code here.
 */
public final class ServiceList {

    /** Where the list lives, relative to the repository root. */
    public static final String FILE = "services.yaml";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** One entry; the fields deploy/local does not need (the gateway's key scopes) are left to others. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(
            @JsonProperty("name") String name,
            @JsonProperty("module") String module,
            @JsonProperty("port") int port,
            @JsonProperty("database") String database) {

        /** The fast-jar the module's build makes. */
        public Path app(Path repositoryRoot) {
            return ServiceProcess.fastJar(repositoryRoot.resolve(module).normalize());
        }

        /** Its address on this machine, where the gateway finds it in the local run. */
        public URI localUrl(int actualPort) {
            return URI.create("http://127.0.0.1:" + actualPort);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(@JsonProperty("services") List<Service> services) {
    }

    private ServiceList() {
    }

    /** The list at the repository root. */
    public static List<Service> read(Path repositoryRoot) {
        return parse(repositoryRoot.resolve(FILE));
    }

    /** The named service of the list at the repository root. */
    public static Service named(Path repositoryRoot, String name) {
        return read(repositoryRoot).stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(FILE + " lists no service " + name));
    }

    /** A list file; fails naming the file when an entry is incomplete, malformed or repeated. */
    public static List<Service> parse(Path file) {
        Document document;
        try {
            document = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Document.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service list " + file, e);
        }
        if (document == null || document.services() == null || document.services().isEmpty()) {
            throw new IllegalStateException(file + " lists no service");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (Service service : document.services()) {
            if (service.name() == null || !NAME.matcher(service.name()).matches()) {
                throw new IllegalStateException(file + ": '" + service.name() + "' is not a service name (" + NAME + ")");
            }
            if (service.module() == null || service.module().isBlank() || service.database() == null
                    || service.database().isBlank() || service.port() <= 0 || service.port() > 65535) {
                throw new IllegalStateException(file + ": " + service.name() + " needs a module, a port and a database");
            }
            if (!names.add(service.name()) || !ports.add(service.port())) {
                throw new IllegalStateException(file + ": " + service.name() + " repeats a name or a port");
            }
        }
        return List.copyOf(document.services());
    }
}
