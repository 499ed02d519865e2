package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's route table, derived from the service list and the specs rather than written a second time by
 * hand: every path of {@code <service>.yaml} is routed to that service, every path of the gateway's own spec is
 * answered by the gateway. Written as configuration the gateway reads at start-up
 * ({@code META-INF/microprofile-config.properties} on its classpath, ordinal 100, so its application.properties
 * and the environment still override any of it):
 *
 * <pre>
 * ecogov.gateway.own-paths=/api/v1/api-keys,/api/v1/api-keys/{keyId},...
 * ecogov.gateway.services.registry.url=http://127.0.0.1:8081          (the local address; a deployment sets its own)
 * ecogov.gateway.services.registry.paths=/api/v1/enterprises,/api/v1/enterprises/{uscc},...
 * ecogov.gateway.services.registry.read-scope=registry:read
 * </pre>
 *
 * A path template names its variables ({@code {uscc}}); the gateway matches any one segment there and uses the
 * template as the route's name (in its metrics, for one). One path in two specs fails the build naming both.
 *
 * <p>Usage: {@code GatewayRoutes <specs dir> <services.yaml> <gateway spec name> <output dir>}.
 */
public final class GatewayRoutes {

    static final String FILE = "META-INF/microprofile-config.properties";

    private GatewayRoutes() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: GatewayRoutes <specs dir> <services.yaml> <gateway> <output dir>");
        }
        Path specs = Path.of(args[0]);
        String text = properties(specs, ServiceList.read(Path.of(args[1])), args[2]);
        Path target = Path.of(args[3]).resolve(FILE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }

    /** The gateway's routing configuration for these services, as the text of a properties file. */
    static String properties(Path specs, List<ServiceList.Service> services, String gateway) {
        Map<String, String> owners = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<String> own = paths(specs, gateway, owners, conflicts);
        Map<ServiceList.Service, List<String>> routed = new LinkedHashMap<>();
        for (ServiceList.Service service : services) {
            routed.put(service, paths(specs, service.name(), owners, conflicts));
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("the specs claim one path twice:\n  " + String.join("\n  ", conflicts));
        }
        StringBuilder out = new StringBuilder("""
                # The gateway's route table, generated at build time by api-specs (org.ecogov.specs.GatewayRoutes) from
                # services.yaml and each service's spec: do not edit, change the list or the spec. Every key can be
                # overridden (application.properties, the environment), e.g. ECOGOV_GATEWAY_SERVICES_REGISTRY_URL.
                """);
        out.append("ecogov.gateway.own-paths=").append(String.join(",", own)).append('\n');
        routed.forEach((service, paths) -> {
            String prefix = "ecogov.gateway.services." + service.name() + ".";
            out.append('\n');
            out.append(prefix).append("url=http://127.0.0.1:").append(service.port()).append('\n');
            out.append(prefix).append("paths=").append(String.join(",", paths)).append('\n');
            service.readScope().ifPresent(scope -> out.append(prefix).append("read-scope=").append(scope).append('\n'));
            service.writeScope().ifPresent(scope -> out.append(prefix).append("write-scope=").append(scope).append('\n'));
        });
        return out.toString();
    }

    /** The path templates of {@code <name>.yaml}, in the spec's order. */
    private static List<String> paths(Path specs, String name, Map<String, String> owners, List<String> conflicts) {
        Path spec = specs.resolve(name + ".yaml");
        JsonNode paths;
        try {
            paths = Yaml.mapper().readTree(spec.toFile()).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec, e);
        }
        List<String> templates = new ArrayList<>();
        paths.fieldNames().forEachRemaining(path -> {
            // /a/{x} and /a/{y} are one route: compare with the variables' names left out
            String shape = path.replaceAll("\\{[^/}]*}", "{}");
            String first = owners.putIfAbsent(shape, name);
            if (first != null) {
                conflicts.add(path + " is in both " + first + ".yaml and " + name + ".yaml");
            }
            templates.add(path);
        });
        if (templates.isEmpty()) {
            throw new IllegalStateException(spec + " has no paths to route");
        }
        return templates;
    }
}
