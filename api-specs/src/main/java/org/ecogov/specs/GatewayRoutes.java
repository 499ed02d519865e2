package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

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
 * ecogov.gateway.services.registry.operations.getEnterprise.route=GET /api/v1/enterprises/{uscc}
 * ecogov.gateway.services.registry.operations.getEnterprise.key-scopes=registry:read
 * ecogov.gateway.services.complaints.operations.fileComplaint.anonymous=true
 * ecogov.gateway.services.complaints.operations.createOpen311Request.api-key-field=api_key
 * </pre>
 *
 * A path template names its variables ({@code {uscc}}); the gateway matches any one segment there and uses the
 * template as the route's name (in its metrics, for one). One path in two specs fails the build naming both.
 * <p>
 * Each operation tells the gateway three things about who may call it, from its spec:
 * <ul>
 * <li>{@code key-scopes}: the scopes of {@code x-ecogov-third-party-scopes}, any one of which lets an API key call
 * it; an operation without them refuses keys at the gateway;</li>
 * <li>{@code anonymous}: its {@code security} holds the empty requirement {@code {}}, so a request without any
 * credential is let through (counted against its address);</li>
 * <li>{@code api-key-field}: {@code x-ecogov-api-key-field}, the form field a key may come in instead of a header
 * (Open311's {@code api_key}).</li>
 * </ul>
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
            operations(specs, service.name()).forEach(operation -> operation.appendTo(out, prefix));
        });
        return out.toString();
    }

    /** What the gateway needs to know of one operation: its route and who may call it there. */
    record Operation(String id, String method, String path, List<String> keyScopes, boolean anonymous,
            String apiKeyField) {

        void appendTo(StringBuilder out, String servicePrefix) {
            String prefix = servicePrefix + "operations." + id + ".";
            out.append(prefix).append("route=").append(method).append(' ').append(path).append('\n');
            if (!keyScopes.isEmpty()) {
                out.append(prefix).append("key-scopes=").append(String.join(",", keyScopes)).append('\n');
            }
            if (anonymous) {
                out.append(prefix).append("anonymous=true\n");
            }
            if (apiKeyField != null) {
                out.append(prefix).append("api-key-field=").append(apiKeyField).append('\n');
            }
        }
    }

    /** Every operation of {@code <name>.yaml}, path items mounted from other files included, in the spec's order. */
    static List<Operation> operations(Path specs, String name) {
        Path spec = specs.resolve(name + ".yaml");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            throw new IllegalStateException(spec + " does not parse: " + parsed.getMessages());
        }
        List<SecurityRequirement> global = api.getSecurity() == null ? List.of() : api.getSecurity();
        List<Operation> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getOperationId() == null || !operation.getOperationId().matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalStateException(method + " " + path + " in " + spec
                        + " needs an operationId of letters and digits (the gateway's configuration names it)");
            }
            Map<String, Object> marks = operation.getExtensions() == null ? Map.of() : operation.getExtensions();
            List<String> scopes = new ArrayList<>();
            if (marks.get("x-ecogov-third-party-scopes") instanceof List<?> listed) {
                listed.forEach(scope -> scopes.add(String.valueOf(scope)));
            }
            List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity() : global;
            boolean anonymous = security.stream().anyMatch(Map::isEmpty);
            Object field = marks.get("x-ecogov-api-key-field");
            operations.add(new Operation(operation.getOperationId(), method.name(), path, List.copyOf(scopes), anonymous,
                    field == null ? null : String.valueOf(field)));
        }));
        return operations;
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
