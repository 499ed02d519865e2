package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combined document as the build wrote it (api-specs/target/bundled/combined), checked against
 * the source specs read on their own with swagger-parser.
 */
class CombinedDocumentTest {

    private static final Path SPECS = root().resolve("api-specs");
    private static final Path COMBINED = SPECS.resolve("target/bundled/combined/META-INF/openapi.yaml");
    private static final String GATEWAY = "gateway";

    private static List<String> services;
    private static Map<String, OpenAPI> specs;
    private static OpenAPI combined;
    private static JsonNode combinedTree;

    @BeforeAll
    static void readDocuments() throws IOException {
        String listed = System.getProperty("ecogov.service-list");
        assertThat(listed).as("ecogov.service-list (set by the module's surefire configuration)").isNotBlank();
        services = Services.names(List.of(listed, GATEWAY));
        specs = new LinkedHashMap<>();
        for (String service : services) {
            specs.put(service, parsed(SPECS.resolve(service + ".yaml"), true));
        }
        assertThat(COMBINED).as("written at process-classes").exists();
        combined = parsed(COMBINED, false);
        combinedTree = Yaml.mapper().readTree(COMBINED.toFile());
    }

    @Test
    void everySpecInTheFolderIsCombinedAndLinted() throws IOException {
        try (Stream<Path> files = Files.list(SPECS)) {
            Set<String> specFiles = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(specFiles).as("the *.yaml files in api-specs/ and the services of services.yaml with the gateway")
                    .isEqualTo(new TreeSet<>(services));
        }
        assertThat(services).contains(GATEWAY);
        String lint = Json.mapper().readTree(SPECS.resolve("package.json").toFile()).path("scripts").path("lint:specs").asText();
        assertThat(lint.split(" ")).as("npm run lint:specs lints every spec here").contains("'[a-z]*.yaml'");
    }

    /** The combined document is linted with nothing turned off: its ruleset only extends the two rulesets. */
    @Test
    void theCombinedDocumentsLintTurnsNoRuleOff() throws IOException {
        JsonNode ruleset = Yaml.mapper().readTree(SPECS.resolve(".spectral-combined.yaml").toFile());
        assertThat(ruleset.fieldNames()).toIterable().containsExactly("extends");
        assertThat(ruleset.get("extends")).extracting(JsonNode::asText)
                .containsExactly("spectral:oas", "@stoplight/spectral-owasp-ruleset");
        String lint = Json.mapper().readTree(SPECS.resolve("package.json").toFile()).path("scripts").path("lint:combined").asText();
        assertThat(lint).contains("spectral lint --ruleset .spectral-combined.yaml --fail-severity error",
                "target/bundled/combined/META-INF/openapi.yaml");
    }

    @Test
    void containsEveryOperationOfEverySpecAndNoOther() {
        Set<String> expected = new TreeSet<>();
        specs.values().forEach(spec -> expected.addAll(operations(spec)));

        assertThat(operations(combined)).isEqualTo(expected);
        assertThat(operations(combined)).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void operationIdsAreThoseOfTheSpecs() {
        List<String> expected = new ArrayList<>();
        // a shared operation a spec mounts (x-ecogov-per-service) carries its service's name in front
        specs.forEach((service, spec) -> spec.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                expected.add(operation.getExtensions() != null && Boolean.TRUE.equals(operation.getExtensions().get(Combiner.PER_SERVICE))
                        ? service + Character.toUpperCase(operation.getOperationId().charAt(0)) + operation.getOperationId().substring(1)
                        : operation.getOperationId()))));

        assertThat(operationIds(combined)).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(operationIds(combined)).contains("listEnterprises", "getEnterprise", "createApiKey", "getEnterpriseProfile",
                "registryVerifyAuditChain", "gatewayVerifyAuditChain");
    }

    @Test
    void everyOperationKeepsTheSecurityOfItsSpecAndThoseOpenToThirdPartiesAcceptApiKeys() {
        specs.forEach((service, spec) -> spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<SecurityRequirement> expected = new ArrayList<>(operation.getSecurity() != null ? operation.getSecurity()
                    : spec.getSecurity() != null ? spec.getSecurity() : List.of());
            boolean openToThirdParties = operation.getExtensions() != null
                    && operation.getExtensions().containsKey(Combiner.THIRD_PARTY_SCOPES);
            if (openToThirdParties && expected.stream().noneMatch(r -> r.containsKey(Combiner.API_KEY))) {
                expected.add(new SecurityRequirement().addList(Combiner.API_KEY));
            }
            Operation inCombined = combined.getPaths().get(path).readOperationsMap().get(method);
            assertThat(inCombined.getSecurity()).as(method + " " + path + " from " + service).isEqualTo(expected);
        })));
        Operation listEnterprises = combined.getPaths().get("/api/v1/enterprises").getGet();
        assertThat(listEnterprises.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"),
                new SecurityRequirement().addList("apiKey"));
        assertThat(listEnterprises.getDescription()).endsWith("**With an API key** (third parties, at the gateway):"
                + " needs the scope `registry:read`.");
        Operation createEnterprise = combined.getPaths().get("/api/v1/enterprises").getPost();
        assertThat(createEnterprise.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
        Operation auditLog = combined.getPaths().get("/api/v1/registry/audit-entries").getGet();
        assertThat(auditLog.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
    }

    @Test
    void noInternalServerAppears() {
        assertThat(nodesWithField(combinedTree, "x-internal"))
                .allSatisfy(node -> assertThat(node.get("x-internal").asBoolean()).as(node.toString()).isFalse());
        assertThat(combined.getServers()).isEqualTo(specs.get(GATEWAY).getServers());
    }

    @Test
    void everyReferenceResolvesWithinTheDocument() {
        List<JsonNode> references = nodesWithField(combinedTree, "$ref");
        assertThat(references).hasSizeGreaterThan(100);
        assertThat(references).allSatisfy(node -> {
            String ref = node.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            assertThat(combinedTree.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }

    @Test
    void parsesWithoutAMessage() {
        for (boolean resolveFully : List.of(false, true)) {
            ParseOptions options = new ParseOptions();
            options.setResolve(resolveFully);
            options.setResolveFully(resolveFully);
            SwaggerParseResult result = new OpenAPIV3Parser().readLocation(COMBINED.toUri().toString(), null, options);
            assertThat(result.getOpenAPI()).isNotNull();
            assertThat(result.getMessages()).as("resolveFully=" + resolveFully).isNullOrEmpty();
        }
    }

    @Test
    void infoIsTheGatewaysAndNamesEveryContract() {
        var gateway = specs.get(GATEWAY).getInfo();
        assertThat(combined.getInfo().getTitle()).isEqualTo(gateway.getTitle());
        assertThat(combined.getInfo().getVersion()).isEqualTo(gateway.getVersion());
        assertThat(combined.getInfo().getContact()).isEqualTo(gateway.getContact());
        specs.forEach((service, spec) -> assertThat(combined.getInfo().getDescription())
                .contains(spec.getInfo().getTitle(), "`" + service + ".yaml`"));
        assertThat(combined.getSecurity()).isEqualTo(specs.get(GATEWAY).getSecurity());
    }

    @Test
    void tagsAreTheUnionOfTheSpecsTags() {
        List<Tag> expected = specs.values().stream().flatMap(spec -> spec.getTags().stream()).distinct().toList();

        assertThat(combined.getTags()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyComponentOfEveryBundleIsInTheDocumentUnchanged() {
        // as swagger-parser reads both: reading adds the default style and explode to parameters
        JsonNode combinedComponents = Json.mapper().valueToTree(combined.getComponents());
        int compared = 0;
        for (String service : services) {
            Path bundle = SPECS.resolve("target/bundled").resolve(service).resolve("META-INF/openapi.yaml");
            JsonNode components = Json.mapper().valueToTree(parsed(bundle, false).getComponents());
            for (Iterator<Map.Entry<String, JsonNode>> sections = components.fields(); sections.hasNext(); ) {
                Map.Entry<String, JsonNode> section = sections.next();
                for (Iterator<Map.Entry<String, JsonNode>> it = section.getValue().fields(); it.hasNext(); compared++) {
                    Map.Entry<String, JsonNode> component = it.next();
                    JsonNode inCombined = combinedComponents.path(section.getKey()).path(component.getKey()).deepCopy();
                    if (section.getKey().equals("responses") && inCombined.has("headers")) {
                        // the headers the gateway adds to every answer (everyOperationDeclaresTheGatewaysAnswers)
                        ObjectNode headers = (ObjectNode) inCombined.get("headers");
                        Combiner.GATEWAY_HEADERS.keySet().stream().filter(name -> !component.getValue().path("headers").has(name))
                                .forEach(headers::remove);
                        if (headers.isEmpty()) {
                            ((ObjectNode) inCombined).remove("headers");
                        }
                    }
                    assertThat(inCombined).as(service + ": " + section.getKey() + "/" + component.getKey())
                            .isEqualTo(component.getValue());
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    /**
     * The gateway limits every caller and answers browsers from its allowed origins, whichever service owns the
     * operation: every operation declares the 429 with Retry-After and the RateLimit-* headers, and every answer the
     * RateLimit-* headers and Access-Control-Allow-Origin (which is what Spectral's OWASP rules ask of the combined
     * document: GatewaySpectralTest).
     */
    @Test
    void everyOperationDeclaresTheGatewaysAnswers() {
        JsonNode components = combinedTree.path("components");
        JsonNode tooMany = components.path("responses").path(Combiner.TOO_MANY_REQUESTS);
        assertThat(tooMany.path("headers").has("Retry-After")).isTrue();
        int answers = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = combinedTree.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode responses = method.getValue().path("responses");
                String where = method.getKey().toUpperCase() + " " + path.getKey();
                assertThat(responses.path("429").path("$ref").asText()).as(where)
                        .isEqualTo("#/components/responses/" + Combiner.TOO_MANY_REQUESTS);
                for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); answers++) {
                    Map.Entry<String, JsonNode> response = it.next();
                    JsonNode answer = response.getValue().has("$ref")
                            ? combinedTree.at(response.getValue().get("$ref").asText().substring(1)) : response.getValue();
                    assertThat(answer.path("headers").fieldNames()).toIterable().as(where + " " + response.getKey())
                            .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Access-Control-Allow-Origin");
                }
            }
        }
        assertThat(answers).isGreaterThan(200);
        assertThat(components.path("headers").has("Access-Control-Allow-Origin")).isTrue();
    }

    private static Set<String> operations(OpenAPI document) {
        Set<String> operations = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method + " " + path)));
        return operations;
    }

    private static List<String> operationIds(OpenAPI document) {
        List<String> ids = new ArrayList<>();
        document.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> ids.add(operation.getOperationId())));
        return ids;
    }

    private static List<JsonNode> nodesWithField(JsonNode tree, String field) {
        List<JsonNode> found = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(tree));
        while (!pending.isEmpty()) {
            JsonNode node = pending.removeFirst();
            if (node.has(field)) {
                found.add(node);
            }
            node.elements().forEachRemaining(pending::add);
        }
        return found;
    }

    private static OpenAPI parsed(Path file, boolean resolve) {
        ParseOptions options = new ParseOptions();
        options.setResolve(resolve);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        assertThat(result.getMessages()).as(file.toString()).isNullOrEmpty();
        return result.getOpenAPI();
    }

    /** The repository root (the parent pom passes it to surefire). */
    private static Path root() {
        String root = System.getProperty("ecogov.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }
}
