package org.ecogov.specs;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.ecogov.specs.Combiner.Contract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merge rules, on small specs written for each case. */
class CombinerTest {

    @TempDir
    Path dir;

    @Test
    void differentDefinitionsUnderOneNameFailNamingTheComponentAndBothSpecs() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(20));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("component schemas/Name is defined differently in alpha.yaml and door.yaml");
    }

    @Test
    void identicalDefinitionsCollapseIntoOne() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        OpenAPI combined = combine("door", "alpha", "door");

        assertThat(combined.getComponents().getSchemas()).containsOnlyKeys("Name");
        assertThat(combined.getComponents().getSchemas().get("Name").getMaxLength()).isEqualTo(10);
        assertThat(combined.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer");
        assertThat(combined.getPaths()).containsOnlyKeys("/api/v1/alphas", "/api/v1/doors");
    }

    @Test
    void samePathAndMethodInTwoSpecsFailsNamingBoth() throws IOException {
        spec("alpha", operation("/api/v1/things", "listThings"), schemaName(10));
        spec("door", operation("/api/v1/things", "listThingsAgain"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /api/v1/things is defined in both alpha.yaml and door.yaml");
    }

    @Test
    void oneOperationIdInTwoSpecsFails() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listThings"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listThings"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("operationId listThings is used in both alpha.yaml (GET /api/v1/alphas) and door.yaml (GET /api/v1/doors)");
    }

    @Test
    void oneTagDescribedDifferentlyFailsAndAnIdenticalOneCollapses() throws IOException {
        spec("alpha", "tags: [{name: shared, description: Shared}, {name: things, description: Things}]\n"
                + operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", "tags: [{name: shared, description: Shared}, {name: things, description: Other things}]\n"
                + operation("/api/v1/doors", "listDoors"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("tag things is described differently in alpha.yaml and door.yaml")
                .hasMessageNotContaining("tag shared");
    }

    @Test
    void everyConflictIsReportedAtOnce() throws IOException {
        spec("alpha", operation("/api/v1/things", "listThings"), schemaName(10));
        spec("door", operation("/api/v1/things", "listThingsAgain"), schemaName(20));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("schemas/Name")
                .hasMessageContaining("GET /api/v1/things");
    }

    @Test
    void infoAndServersAreTheGatewaysAndInternalServersAreLeftOut() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        OpenAPI combined = combine("door", "alpha", "door");

        assertThat(combined.getInfo().getTitle()).isEqualTo("door");
        assertThat(combined.getInfo().getDescription())
                .contains("**alpha** 1.0.0 (`alpha.yaml`, 1 operation)", "## alpha (`alpha.yaml`)", "About alpha.");
        assertThat(combined.getServers()).singleElement()
                .satisfies(server -> assertThat(server.getUrl()).isEqualTo("https://door.example"));
        assertThat(Yaml.pretty(combined)).doesNotContain("x-internal: true", "alpha.internal");
    }

    @Test
    void eachSpecsTopLevelSecurityMovesOntoItsOperationsThatHaveNone() throws IOException {
        spec("alpha", """
                security: []
                paths:
                  /api/v1/alphas:
                    get:
                      operationId: listAlphas
                      responses:
                        '204':
                          description: Nothing.
                    post:
                      operationId: createAlpha
                      security:
                        - bearer: []
                      responses:
                        '204':
                          description: Nothing.
                """, schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        OpenAPI combined = combine("door", "alpha", "door");

        assertThat(combined.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
        assertThat(combined.getPaths().get("/api/v1/alphas").getGet().getSecurity()).isEmpty();
        assertThat(combined.getPaths().get("/api/v1/alphas").getPost().getSecurity())
                .containsExactly(new SecurityRequirement().addList("bearer"));
        assertThat(combined.getPaths().get("/api/v1/doors").getGet().getSecurity())
                .containsExactly(new SecurityRequirement().addList("bearer"));
    }

    @Test
    void anOperationHonouringThirdPartyScopesAcceptsTheGatewaysApiKeysAndSaysWhichScopes() throws IOException {
        spec("alpha", """
                paths:
                  /api/v1/alphas:
                    get:
                      operationId: listAlphas
                      description: Every alpha.
                      x-ecogov-third-party-scopes: [alpha:read, disclosure:read]
                      responses:
                        '204':
                          description: Nothing.
                    post:
                      operationId: createAlpha
                      responses:
                        '204':
                          description: Nothing.
                """, schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), """
                    apiKey:
                      type: apiKey
                      in: header
                      name: X-API-Key
                """ + schemaName(10));

        OpenAPI combined = combine("door", "alpha", "door");

        Operation read = combined.getPaths().get("/api/v1/alphas").getGet();
        assertThat(read.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"),
                new SecurityRequirement().addList("apiKey"));
        assertThat(read.getDescription()).isEqualTo("Every alpha.\n\n**With an API key** (third parties, at the"
                + " gateway): needs one of the scopes `alpha:read`, `disclosure:read`.");
        assertThat(combined.getPaths().get("/api/v1/alphas").getPost().getSecurity())
                .containsExactly(new SecurityRequirement().addList("bearer"));
    }

    @Test
    void thirdPartyScopesThatAreNotAListFailTheMerge() throws IOException {
        spec("alpha", """
                paths:
                  /api/v1/betas:
                    get:
                      operationId: listBetas
                      x-ecogov-third-party-scopes: alpha:read
                      responses:
                        '204':
                          description: Nothing.
                """, schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("x-ecogov-third-party-scopes in alpha.yaml (/api/v1/betas) must be a list of scope"
                        + " names, not alpha:read");
    }

    @Test
    void thirdPartyScopesWithoutAnApiKeySchemeAtTheGatewayFailTheMerge() throws IOException {
        spec("alpha", """
                paths:
                  /api/v1/alphas:
                    get:
                      operationId: listAlphas
                      x-ecogov-third-party-scopes: [alpha:read]
                      responses:
                        '204':
                          description: Nothing.
                """, schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("security scheme apiKey is required but not defined");
    }

    @Test
    void aPathSharedByTwoSpecsKeepsEachSpecsPathParametersOnItsOwnOperations() throws IOException {
        String path = """
                paths:
                  /api/v1/things/{id}:
                    parameters:
                      - name: id
                        in: path
                        required: true
                        schema: {type: string, maxLength: %d}
                    %s:
                      operationId: %s
                      responses:
                        '204':
                          description: Nothing.
                """;
        spec("alpha", path.formatted(10, "get", "getThing"), schemaName(10));
        spec("door", path.formatted(20, "delete", "deleteThing"), schemaName(10));

        // read as written: the bundler would already have moved path parameters into the operations
        OpenAPI combined = Combiner.combine("door", List.of(
                new Contract("alpha", Combiner.read(dir.resolve("alpha.yaml"))),
                new Contract("door", Combiner.read(dir.resolve("door.yaml")))));

        var item = combined.getPaths().get("/api/v1/things/{id}");
        assertThat(item.getParameters()).isNullOrEmpty();
        assertThat(maxLengthOfId(item.getGet())).isEqualTo(10);
        assertThat(maxLengthOfId(item.getDelete())).isEqualTo(20);
    }

    @Test
    void aDanglingReferenceOrAnUndefinedSecuritySchemeFailsTheMerge() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));
        // the parser refuses such a spec, so the documents are broken after reading
        OpenAPI alpha = Bundler.bundle(dir.resolve("alpha.yaml"));
        Operation listAlphas = alpha.getPaths().get("/api/v1/alphas").getGet();
        listAlphas.getResponses().get("200").getContent().get("application/json").getSchema().set$ref("#/components/schemas/Missing");
        listAlphas.setSecurity(List.of(new SecurityRequirement().addList("apiKey")));

        assertThatThrownBy(() -> Combiner.combine("door", List.of(
                new Contract("alpha", alpha), new Contract("door", Bundler.bundle(dir.resolve("door.yaml"))))))
                .hasMessageContaining("$ref #/components/schemas/Missing does not resolve")
                .hasMessageContaining("security scheme apiKey is required but not defined");
    }

    @Test
    void mainWritesTheCombinedDocumentFromTheBundles() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));
        Path bundles = dir.resolve("bundled");

        Bundler.main(new String[] {dir.toString(), bundles.toString(), "alpha door"});
        Combiner.main(new String[] {bundles.toString(), bundles.resolve("combined").toString(), "door", "alpha door"});

        OpenAPI combined = Combiner.read(bundles.resolve("combined/META-INF/openapi.yaml"));
        assertThat(combined.getPaths()).containsOnlyKeys("/api/v1/alphas", "/api/v1/doors");
    }

    @Test
    void theSharedDeadLetterOperationsMountedByTwoSpecsBundleAndCombineUnderEachPrefix() throws IOException {
        // the real shared definition, next to the real common schema, as in api-specs/common
        Files.createDirectories(dir.resolve("common"));
        for (String file : List.of("common.yaml", "dead-letters.yaml")) {
            Files.copy(Path.of("common", file), dir.resolve("common").resolve(file));
        }
        for (String service : List.of("event-probe", "door")) {
            Files.writeString(dir.resolve(service + ".yaml"), """
                    openapi: 3.0.3
                    info: {title: %1$s, version: 1.0.0, description: About %1$s.}
                    security:
                      - bearer: []
                    tags:
                      - name: dead-letters
                        description: Events this service's consumers gave up on, for a platform-admin to inspect and replay
                    paths:
                      /api/v1/%1$s/dead-letters:
                        $ref: 'common/dead-letters.yaml#/paths/~1dead-letters'
                      /api/v1/%1$s/dead-letters/{id}:
                        $ref: 'common/dead-letters.yaml#/paths/~1dead-letters~1{id}'
                      /api/v1/%1$s/dead-letters/{id}/replay:
                        $ref: 'common/dead-letters.yaml#/paths/~1dead-letters~1{id}~1replay'
                    components:
                      securitySchemes:
                        bearer:
                          $ref: 'common/common.yaml#/components/securitySchemes/bearer'
                    %2$s""".formatted(service, service.equals("door") ? GatewayAnswers.COMPONENTS : ""));
        }

        OpenAPI bundle = Bundler.bundle(dir.resolve("event-probe.yaml"));
        assertThat(bundle.getPaths()).containsOnlyKeys("/api/v1/event-probe/dead-letters",
                "/api/v1/event-probe/dead-letters/{id}", "/api/v1/event-probe/dead-letters/{id}/replay");
        assertThat(bundle.getComponents().getSchemas()).containsKeys("DeadLetter", "DeadLetterPage", "Problem");
        assertThat(Yaml.pretty(bundle)).doesNotContain(".yaml#");

        OpenAPI combined = combine("door", "event-probe", "door");
        assertThat(combined.getPaths().get("/api/v1/event-probe/dead-letters/{id}/replay").getPost().getOperationId())
                .isEqualTo("eventProbeReplayDeadLetter");
        assertThat(combined.getPaths().get("/api/v1/door/dead-letters").getGet().getOperationId())
                .isEqualTo("doorListDeadLetters");
        assertThat(combined.getPaths().get("/api/v1/door/dead-letters/{id}").getGet().getSecurity())
                .containsExactly(new SecurityRequirement().addList("bearer"));
        assertThat(combined.getTags()).extracting(tag -> tag.getName()).containsOnlyOnce("dead-letters");
    }

    @Test
    void everyOperationAnswersTheGateways429AndEveryAnswerMayCarryItsHeaders() throws IOException {
        spec("alpha", """
                paths:
                  /api/v1/alphas:
                    get:
                      operationId: listAlphas
                      responses:
                        '200':
                          description: The alphas.
                          headers:
                            ETag: {description: The version., schema: {type: string}}
                        '404':
                          $ref: '#/components/responses/Missing'
                        '503':
                          description: Down.
                """, schemaName(10) + """
                  responses:
                    Missing:
                      description: No such alpha.
                """);
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));

        OpenAPI combined = combine("door", "alpha", "door");

        Operation listAlphas = combined.getPaths().get("/api/v1/alphas").getGet();
        assertThat(listAlphas.getResponses()).containsKeys("200", "404", "429", "503");
        assertThat(List.copyOf(listAlphas.getResponses().keySet())).as("in the order of the status codes")
                .containsExactly("200", "404", "429", "503");
        assertThat(listAlphas.getResponses().get("429").get$ref()).isEqualTo("#/components/responses/TooManyRequests");
        assertThat(listAlphas.getResponses().get("200").getHeaders()).containsOnlyKeys("ETag", "RateLimit-Limit",
                "RateLimit-Remaining", "RateLimit-Reset", "Access-Control-Allow-Origin");
        assertThat(listAlphas.getResponses().get("200").getHeaders().get("Access-Control-Allow-Origin").get$ref())
                .isEqualTo("#/components/headers/Access-Control-Allow-Origin");
        assertThat(listAlphas.getResponses().get("503").getHeaders()).containsKey("RateLimit-Reset");
        assertThat(listAlphas.getResponses().get("404").getHeaders()).as("completed in the component it refers to").isNull();
        assertThat(combined.getComponents().getResponses().get("Missing").getHeaders()).containsOnlyKeys(
                "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Access-Control-Allow-Origin");
        assertThat(combined.getComponents().getResponses().get("TooManyRequests").getHeaders()).containsKeys("Retry-After",
                "RateLimit-Limit", "Access-Control-Allow-Origin");
        assertThat(combined.getPaths().get("/api/v1/doors").getGet().getResponses()).containsKeys("200", "429");
    }

    @Test
    void aGatewaySpecWithoutWhatTheGatewayAnswersFailsNamingIt() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));
        spec("door", operation("/api/v1/doors", "listDoors"), schemaName(10));
        Files.writeString(dir.resolve("door.yaml"), Files.readString(dir.resolve("door.yaml"))
                .replace("    Access-Control-Allow-Origin:", "    Allow-Origin:").replace("TooManyRequests:", "Busy:"));

        assertThatThrownBy(() -> combine("door", "alpha", "door"))
                .hasMessageContaining("the gateway's spec must define components/responses/TooManyRequests")
                .hasMessageContaining("the gateway's spec must define components/headers/Access-Control-Allow-Origin");
    }

    @Test
    void theGatewayMustBeAmongTheServices() throws IOException {
        spec("alpha", operation("/api/v1/alphas", "listAlphas"), schemaName(10));

        assertThatThrownBy(() -> combine("door", "alpha"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'door' is not among the services [alpha]");
    }

    private OpenAPI combine(String gateway, String... services) {
        return Combiner.combine(gateway, Arrays.stream(services)
                .map(service -> new Contract(service, Bundler.bundle(dir.resolve(service + ".yaml"))))
                .toList());
    }

    private static Integer maxLengthOfId(Operation operation) {
        Parameter id = operation.getParameters().stream().filter(parameter -> parameter.getName().equals("id")).findFirst().orElseThrow();
        return id.getSchema().getMaxLength();
    }

    /** A spec named {@code service} with the given top-level sections (YAML) and components. */
    private void spec(String service, String sections, String components) throws IOException {
        String internal = service.equals("door") ? "" : "    x-internal: true\n";
        String host = service.equals("door") ? "door.example" : service + ".internal";
        Files.writeString(dir.resolve(service + ".yaml"), """
                openapi: 3.0.3
                info:
                  title: %s
                  version: 1.0.0
                  description: About %s.
                servers:
                  - url: https://%s
                %s%s%s
                components:
                  securitySchemes:
                    bearer:
                      type: http
                      scheme: bearer
                %s%s""".formatted(service, service, host, internal,
                sections.contains("security:") ? "" : "security:\n  - bearer: []\n", sections, components,
                service.equals("door") ? GatewayAnswers.COMPONENTS : ""));
    }

    private static String operation(String path, String operationId) {
        return """
                paths:
                  %s:
                    get:
                      operationId: %s
                      responses:
                        '200':
                          description: The name.
                          content:
                            application/json:
                              schema:
                                $ref: '#/components/schemas/Name'
                """.formatted(path, operationId);
    }

    private static String schemaName(int maxLength) {
        return """
                  schemas:
                    Name:
                      type: string
                      maxLength: %d
                """.formatted(maxLength);
    }
}
