package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.links.Link;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gateway's combined document: the bundles of every service spec and of gateway.yaml merged
 * into one OpenAPI document, which the gateway serves as its /q/openapi and shows in Swagger UI.
 *
 * <p>Rules: the paths are the union, and one path and method in two specs is an error; components
 * and tags are merged by name, identical definitions collapse into one and different definitions
 * under one name are an error (nothing is renamed); {@code info}, {@code servers} and the top-level
 * {@code security} are the gateway's, and every operation carries its own spec's top-level security
 * unless it declares its own; an operation that names the third-party scopes its service honours
 * ({@code x-ecogov-third-party-scopes}) also accepts the gateway's API keys; servers marked
 * {@code x-internal: true} are left out wherever they appear. Every error is collected and reported at once, naming the specs involved.
 *
 * <p>Usage: {@code Combiner <bundles dir> <output dir> <gateway service> <service>...} (services as
 * {@link Bundler} takes them: names or the service list file) reads
 * {@code <bundles dir>/<service>/META-INF/openapi.yaml} as {@link Bundler} wrote it for each service
 * (the gateway among them) and writes {@code <output dir>/META-INF/openapi.yaml}.
 */
public final class Combiner {

    /** One service's bundled contract; {@code service} names its spec ({@code registry} for registry.yaml). */
    public record Contract(String service, OpenAPI document) {

        String spec() {
            return service + ".yaml";
        }

        int operationCount() {
            return document.getPaths() == null ? 0
                    : document.getPaths().values().stream().mapToInt(item -> item.readOperations().size()).sum();
        }
    }

    /** A section of {@code components}, merged by name. */
    private record Section<T>(String name, Function<Components, Map<String, T>> get,
                              BiConsumer<Components, Map<String, T>> set) {
    }

    @SuppressWarnings("rawtypes")
    private static final List<Section<?>> SECTIONS = List.of(
            new Section<Schema>("schemas", Components::getSchemas, Components::setSchemas),
            new Section<ApiResponse>("responses", Components::getResponses, Components::setResponses),
            new Section<Parameter>("parameters", Components::getParameters, Components::setParameters),
            new Section<Example>("examples", Components::getExamples, Components::setExamples),
            new Section<RequestBody>("requestBodies", Components::getRequestBodies, Components::setRequestBodies),
            new Section<Header>("headers", Components::getHeaders, Components::setHeaders),
            new Section<SecurityScheme>("securitySchemes", Components::getSecuritySchemes, Components::setSecuritySchemes),
            new Section<Link>("links", Components::getLinks, Components::setLinks),
            new Section<Callback>("callbacks", Components::getCallbacks, Components::setCallbacks),
            new Section<Object>("extensions", Components::getExtensions, Components::setExtensions));

    private static final String INTERNAL = "x-internal";
    /**
     * On an operation every service serves under its own prefix from one shared definition (the dead letters of
     * common/dead-letters.yaml): its operationId is the same in every spec, so the combined document puts the
     * service's name in front of it ({@code listDeadLetters} of {@code event-probe} becomes
     * {@code eventProbeListDeadLetters}).
     */
    static final String PER_SERVICE = "x-ecogov-per-service";
    /**
     * On a service's operation: the scopes of a third party's token that the service honours there. At the
     * gateway a third party presents an API key, so such an operation accepts the gateway's {@value #API_KEY}
     * scheme as well as a bearer token.
     */
    static final String THIRD_PARTY_SCOPES = "x-ecogov-third-party-scopes";
    /** The gateway's security scheme for API keys. */
    static final String API_KEY = "apiKey";
    /**
     * The gateway's answer to a caller over its rate limit (429 with {@code Retry-After} and the {@code RateLimit-*}
     * headers), which every operation in the combined document declares: the gateway limits every caller, whichever
     * service owns the operation.
     */
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    /**
     * The headers the gateway may add to any answer, by their name on the wire and the component that describes
     * each: the caller's rate limit, and CORS for a browser from an allowed origin. The component of the CORS header
     * carries the header's own name, as the OWASP ruleset looks for that name in every {@code headers} map.
     */
    static final Map<String, String> GATEWAY_HEADERS = gatewayHeaders();

    private final Paths paths = new Paths();
    private final Components components = new Components();
    private final Map<String, Tag> tags = new LinkedHashMap<>();
    /** Which spec first defined a thing: "schemas/Name", "tag name", "GET /path", "operationId id", "path /path". */
    private final Map<String, String> origins = new HashMap<>();
    private final List<String> conflicts = new ArrayList<>();

    private Combiner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: Combiner <bundles dir> <output dir> <gateway service> <service>...");
        }
        Path bundles = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String gateway = args[2];
        List<Contract> contracts = new ArrayList<>();
        for (String service : Services.names(Arrays.asList(args).subList(3, args.length))) {
            contracts.add(new Contract(service, read(bundles.resolve(service).resolve("META-INF").resolve("openapi.yaml"))));
        }
        write(combine(gateway, contracts), output);
    }

    /**
     * Merges the contracts, in the order given (it is the order of tags, paths and components in the
     * result). The documents are taken over: operations get their spec's security and lose internal
     * servers in place.
     *
     * @throws IllegalStateException naming every conflict and the specs involved
     */
    public static OpenAPI combine(String gateway, List<Contract> contracts) {
        Contract door = contracts.stream().filter(contract -> contract.service().equals(gateway)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the gateway's spec '" + gateway
                        + "' is not among the services " + contracts.stream().map(Contract::service).toList()));
        Info info = info(door, contracts);

        Combiner combiner = new Combiner();
        for (Contract contract : contracts) {
            combiner.requireVersionOf(door, contract);
            combiner.addComponents(contract);
            combiner.addTags(contract);
        }
        // after the components, so that referenced path-level parameters can be looked up
        for (Contract contract : contracts) {
            combiner.addPaths(contract);
        }
        combiner.failOnConflicts("the contracts cannot be combined");
        combiner.addGatewayAnswers();
        combiner.failOnConflicts("the gateway's answers cannot be declared");

        OpenAPI gatewayDocument = door.document();
        OpenAPI combined = new OpenAPI()
                .openapi(gatewayDocument.getOpenapi())
                .info(info)
                .externalDocs(gatewayDocument.getExternalDocs())
                .servers(external(gatewayDocument.getServers()))
                .security(gatewayDocument.getSecurity())
                .tags(combiner.tags.isEmpty() ? null : new ArrayList<>(combiner.tags.values()))
                .paths(combiner.paths)
                .components(combiner.components);
        combined.setExtensions(gatewayDocument.getExtensions());
        combiner.requireLocalReferences(combined);
        combiner.failOnConflicts("the combined document is broken");
        return combined;
    }

    /** Writes {@code <dir>/META-INF/openapi.yaml} once the document is known to parse without a message. */
    static Path write(OpenAPI combined, Path dir) throws IOException {
        SwaggerParseResult reread = new OpenAPIV3Parser().readContents(Yaml.pretty(combined), null, new ParseOptions());
        if (reread.getOpenAPI() == null || (reread.getMessages() != null && !reread.getMessages().isEmpty())) {
            throw new IllegalStateException("the combined document does not parse: " + reread.getMessages());
        }
        return Bundler.write(combined, dir);
    }

    /** A bundle as {@link Bundler} wrote it; it references no other file. */
    static OpenAPI read(Path bundle) {
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(bundle.toUri().toString(), null, new ParseOptions());
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException(bundle + " does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    // ---- info ---------------------------------------------------------------------------------

    /** The gateway's info; its description lists the contracts combined, then each one's own description. */
    private static Info info(Contract door, List<Contract> contracts) {
        Info gateway = door.document().getInfo();
        StringBuilder description = new StringBuilder("The whole API of the platform, as called at the gateway.")
                .append(" This document combines the contracts of:\n\n");
        for (Contract contract : contracts) {
            Info info = contract.document().getInfo();
            description.append("- **").append(info.getTitle()).append("** ").append(info.getVersion())
                    .append(" (`").append(contract.spec()).append("`, ").append(contract.operationCount())
                    .append(contract.operationCount() == 1 ? " operation)\n" : " operations)\n");
        }
        description.append("\nIt is generated at build time from those specs. Every operation is called at the gateway,")
                .append(" which routes it to the service that owns it; the services' own addresses are internal.\n");
        for (Contract contract : contracts) {
            Info info = contract.document().getInfo();
            if (info.getDescription() != null && !info.getDescription().isBlank()) {
                // under its spec's name, so that a description's "this document" reads as that spec
                description.append("\n## ").append(info.getTitle()).append(" (`").append(contract.spec()).append("`)\n\n")
                        .append(info.getDescription().strip()).append('\n');
            }
        }
        Info combined = new Info()
                .title(gateway.getTitle())
                .version(gateway.getVersion())
                .description(description.toString())
                .termsOfService(gateway.getTermsOfService())
                .contact(gateway.getContact())
                .license(gateway.getLicense());
        combined.setExtensions(gateway.getExtensions());
        return combined;
    }

    private void requireVersionOf(Contract door, Contract contract) {
        String expected = majorMinor(door.document().getOpenapi());
        if (!expected.equals(majorMinor(contract.document().getOpenapi()))) {
            conflict("%s is OpenAPI %s, %s is OpenAPI %s", contract.spec(), contract.document().getOpenapi(),
                    door.spec(), door.document().getOpenapi());
        }
    }

    private static String majorMinor(String version) {
        String[] parts = String.valueOf(version).split("\\.");
        return parts.length < 2 ? parts[0] : parts[0] + "." + parts[1];
    }

    // ---- components and tags ------------------------------------------------------------------

    private void addComponents(Contract contract) {
        if (contract.document().getComponents() != null) {
            for (Section<?> section : SECTIONS) {
                merge(section, contract);
            }
        }
    }

    private <T> void merge(Section<T> section, Contract contract) {
        Map<String, T> incoming = section.get().apply(contract.document().getComponents());
        if (incoming == null || incoming.isEmpty()) {
            return;
        }
        Map<String, T> merged = section.get().apply(components);
        if (merged == null) {
            merged = new LinkedHashMap<>();
            section.set().accept(components, merged);
        }
        for (Map.Entry<String, T> entry : incoming.entrySet()) {
            String name = section.name() + "/" + entry.getKey();
            T first = merged.putIfAbsent(entry.getKey(), entry.getValue());
            if (first == null) {
                origins.put(name, contract.spec());
            } else if (!same(first, entry.getValue())) {
                conflict("component %s is defined differently in %s and %s", name, origins.get(name), contract.spec());
            }
        }
    }

    private void addTags(Contract contract) {
        if (contract.document().getTags() == null) {
            return;
        }
        for (Tag tag : contract.document().getTags()) {
            String name = "tag " + tag.getName();
            Tag first = tags.putIfAbsent(tag.getName(), tag);
            if (first == null) {
                origins.put(name, contract.spec());
            } else if (!same(first, tag)) {
                conflict("tag %s is described differently in %s and %s", tag.getName(), origins.get(name), contract.spec());
            }
        }
    }

    // ---- paths --------------------------------------------------------------------------------

    private void addPaths(Contract contract) {
        if (contract.document().getPaths() == null) {
            return;
        }
        List<SecurityRequirement> security = contract.document().getSecurity() == null
                ? List.of() : contract.document().getSecurity();
        contract.document().getPaths().forEach((path, item) -> {
            item.setServers(external(item.getServers()));
            for (Operation operation : item.readOperations()) {
                if (operation.getExtensions() != null && Boolean.TRUE.equals(operation.getExtensions().get(PER_SERVICE))
                        && operation.getOperationId() != null) {
                    operation.setOperationId(camelCase(contract.service()) + Character.toUpperCase(
                            operation.getOperationId().charAt(0)) + operation.getOperationId().substring(1));
                }
                if (operation.getSecurity() == null) {
                    operation.setSecurity(new ArrayList<>(security));
                }
                operation.setServers(external(operation.getServers()));
                acceptApiKeys(contract, path, operation);
            }
            addPath(contract, path, item);
        });
    }

    /** {@code event-probe} as {@code eventProbe}. */
    private static String camelCase(String service) {
        StringBuilder name = new StringBuilder();
        for (String part : service.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /**
     * An operation that names the scopes of third parties it honours ({@value #THIRD_PARTY_SCOPES}) accepts
     * an API key at the gateway: the key's scheme joins its security, and its description says which scopes
     * a key needs.
     */
    private void acceptApiKeys(Contract contract, String path, Operation operation) {
        Object declared = operation.getExtensions() == null ? null : operation.getExtensions().get(THIRD_PARTY_SCOPES);
        if (declared == null) {
            return;
        }
        if (!(declared instanceof List<?> scopes) || scopes.isEmpty()
                || !scopes.stream().allMatch(scope -> scope instanceof String text && !text.isBlank())) {
            conflict("%s in %s (%s) must be a list of scope names, not %s", THIRD_PARTY_SCOPES, contract.spec(),
                    path, declared);
            return;
        }
        boolean listed = operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(API_KEY));
        if (!listed) {
            operation.getSecurity().add(new SecurityRequirement().addList(API_KEY));
        }
        String needs = scopes.stream().map(scope -> "`" + scope + "`").collect(Collectors.joining(", "));
        String sentence = "**With an API key** (third parties, at the gateway): needs " + (scopes.size() == 1
                ? "the scope " : "one of the scopes ") + needs + ".";
        operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank()
                ? sentence : operation.getDescription().stripTrailing() + "\n\n" + sentence);
    }

    private void addPath(Contract contract, String path, PathItem item) {
        PathItem existing = paths.get(path);
        if (existing == null) {
            paths.addPathItem(path, item);
            origins.put("path " + path, contract.spec());
            item.readOperationsMap().forEach((method, operation) -> addOperation(contract, path, method, operation));
            return;
        }
        // The path-level parameters of one spec must not reach another spec's operations.
        if (!same(existing.getParameters(), item.getParameters())) {
            pushDownParameters(existing);
            pushDownParameters(item);
        }
        if (!Objects.equals(existing.getSummary(), item.getSummary())
                || !Objects.equals(existing.getDescription(), item.getDescription())
                || !same(existing.getServers(), item.getServers())
                || !same(existing.getExtensions(), item.getExtensions())) {
            conflict("path %s has a different summary, description, servers or extensions in %s and %s", path,
                    origins.get("path " + path), contract.spec());
        }
        item.readOperationsMap().forEach((method, operation) -> {
            if (existing.readOperationsMap().containsKey(method)) {
                conflict("%s %s is defined in both %s and %s", method, path, origins.get(method + " " + path), contract.spec());
            } else {
                existing.operation(method, operation);
                addOperation(contract, path, method, operation);
            }
        });
    }

    private void addOperation(Contract contract, String path, HttpMethod method, Operation operation) {
        String where = method + " " + path;
        origins.put(where, contract.spec());
        if (operation.getOperationId() != null) {
            String id = "operationId " + operation.getOperationId();
            String first = origins.putIfAbsent(id, contract.spec() + " (" + where + ")");
            if (first != null) {
                conflict("operationId %s is used in both %s and %s (%s)", operation.getOperationId(), first,
                        contract.spec(), where);
            }
        }
    }

    // ---- what the gateway adds ----------------------------------------------------------------

    private static Map<String, String> gatewayHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", "RateLimitLimit");
        headers.put("RateLimit-Remaining", "RateLimitRemaining");
        headers.put("RateLimit-Reset", "RateLimitReset");
        headers.put("Access-Control-Allow-Origin", "Access-Control-Allow-Origin");
        return headers;
    }

    /**
     * Every operation here is called at the gateway, which limits every caller and answers browsers from its allowed
     * origins: each operation without one gets the gateway's 429 ({@value #TOO_MANY_REQUESTS}), and every answer, of
     * the operations and among the components, declares the headers of {@link #GATEWAY_HEADERS} it does not declare
     * yet. A service's own spec declares none of this (the service neither limits nor answers browsers); the
     * components they need come from the gateway's spec.
     */
    private void addGatewayAnswers() {
        Map<String, ApiResponse> responses = components.getResponses();
        Map<String, Header> headers = components.getHeaders();
        if (responses == null || !responses.containsKey(TOO_MANY_REQUESTS)) {
            conflict("the gateway's spec must define components/responses/%s: every operation answers it", TOO_MANY_REQUESTS);
        }
        GATEWAY_HEADERS.values().stream().filter(name -> headers == null || !headers.containsKey(name))
                .forEach(name -> conflict("the gateway's spec must define components/headers/%s: every answer may carry it", name));
        if (!conflicts.isEmpty()) {
            return;
        }
        paths.values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getResponses().get("429") == null) {
                addInOrder(operation.getResponses(), "429", new ApiResponse().$ref("#/components/responses/" + TOO_MANY_REQUESTS));
            }
            // a reference to a component is completed there, below
            operation.getResponses().values().stream().filter(response -> response.get$ref() == null)
                    .forEach(Combiner::declareGatewayHeaders);
        }));
        responses.values().forEach(Combiner::declareGatewayHeaders);
    }

    /** Puts {@code status} among the answers in the order of the status codes, as the specs list them. */
    private static void addInOrder(ApiResponses responses, String status, ApiResponse response) {
        Map<String, ApiResponse> after = new LinkedHashMap<>();
        new ArrayList<>(responses.keySet()).stream().filter(code -> code.compareTo(status) > 0)
                .forEach(code -> after.put(code, responses.remove(code)));
        responses.addApiResponse(status, response);
        responses.putAll(after);
    }

    private static void declareGatewayHeaders(ApiResponse response) {
        GATEWAY_HEADERS.forEach((name, component) -> {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                response.addHeaderObject(name, new Header().$ref("#/components/headers/" + component));
            }
        });
    }

    /** Moves the path-level parameters into each operation, where an operation's own parameter of the same name and location wins. */
    private void pushDownParameters(PathItem item) {
        List<Parameter> shared = item.getParameters();
        item.setParameters(null);
        if (shared == null || shared.isEmpty()) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            List<Parameter> own = operation.getParameters() == null ? List.of() : operation.getParameters();
            Set<String> overridden = own.stream().map(this::identity).collect(Collectors.toSet());
            List<Parameter> parameters = new ArrayList<>();
            shared.stream().filter(parameter -> !overridden.contains(identity(parameter))).forEach(parameters::add);
            parameters.addAll(own);
            operation.setParameters(parameters);
        }
    }

    /** A parameter's location and name, looked up in the components when it is a reference. */
    private String identity(Parameter parameter) {
        Parameter actual = parameter;
        if (parameter.get$ref() != null && components.getParameters() != null) {
            String ref = parameter.get$ref();
            actual = components.getParameters().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return actual == null ? parameter.get$ref() : actual.getIn() + " " + actual.getName();
    }

    /** The servers a client can reach: those not marked {@code x-internal: true}; null when none is left. */
    private static List<Server> external(List<Server> servers) {
        if (servers == null) {
            return null;
        }
        List<Server> external = servers.stream()
                .filter(server -> server.getExtensions() == null
                        || !"true".equals(String.valueOf(server.getExtensions().get(INTERNAL))))
                .collect(Collectors.toCollection(ArrayList::new));
        return external.isEmpty() ? null : external;
    }

    // ---- checks -------------------------------------------------------------------------------

    /** Every {@code $ref} points into this document and finds something; every security requirement names a scheme. */
    private void requireLocalReferences(OpenAPI combined) {
        JsonNode document = Json.mapper().valueToTree(combined);
        Set<String> broken = new TreeSet<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(document));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeFirst();
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()
                    && (!ref.asText().startsWith("#/") || document.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(ref.asText());
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                pending.add(children.next());
            }
        }
        broken.forEach(ref -> conflict("$ref %s does not resolve within the combined document", ref));

        Set<String> schemes = components.getSecuritySchemes() == null ? Set.of() : components.getSecuritySchemes().keySet();
        List<SecurityRequirement> requirements = new ArrayList<>();
        if (combined.getSecurity() != null) {
            requirements.addAll(combined.getSecurity());
        }
        paths.values().forEach(item -> item.readOperations().forEach(operation -> requirements.addAll(operation.getSecurity())));
        requirements.stream().flatMap(requirement -> requirement.keySet().stream())
                .filter(scheme -> !schemes.contains(scheme)).distinct()
                .forEach(scheme -> conflict("security scheme %s is required but not defined", scheme));
    }

    private static boolean same(Object first, Object second) {
        return tree(first).equals(tree(second));
    }

    /** The JSON form of a model object: what a reader of the document sees, whatever the Java classes hold. */
    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }

    private void conflict(String format, Object... args) {
        conflicts.add(String.format(format, args));
    }

    private void failOnConflicts(String what) {
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException(what + ":\n  " + String.join("\n  ", conflicts));
        }
    }
}
