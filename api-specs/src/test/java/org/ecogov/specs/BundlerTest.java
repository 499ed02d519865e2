package org.ecogov.specs;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundlerTest {

    @TempDir
    Path dir;

    @Test
    void servicesGivenAsOnePropertyAreSplit() {
        assertThat(Services.names(List.of("registry gateway"))).containsExactly("registry", "gateway");
        assertThat(Services.names(List.of(" registry,\n\temissions ", "gateway"))).containsExactly("registry", "emissions", "gateway");
    }

    @Test
    void malformedRepeatedOrReservedServiceNamesAreRefused() {
        assertThatThrownBy(() -> Services.names(List.of("registry ../registry"))).hasMessageContaining("'../registry' is not a service name");
        assertThatThrownBy(() -> Services.names(List.of("registry registry"))).hasMessageContaining("'registry' is listed twice");
        assertThatThrownBy(() -> Services.names(List.of("registry combined"))).hasMessageContaining("'combined' is where the combined document goes");
        assertThatThrownBy(() -> Services.names(List.of(" "))).hasMessageContaining("no service given");
    }

    @Test
    void mainWritesOneBundlePerServiceWithReferencesMadeLocal() throws IOException {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/common.yaml"), """
                openapi: 3.0.3
                info: {title: common, version: 1.0.0}
                paths: {}
                components:
                  schemas:
                    Name: {type: string, maxLength: 10}
                """);
        for (String service : List.of("alpha", "beta")) {
            Files.writeString(dir.resolve(service + ".yaml"), referencing(service, "common/common.yaml#/components/schemas/Name"));
        }

        Bundler.main(new String[] {dir.toString(), dir.resolve("out").toString(), "alpha beta"});

        for (String service : List.of("alpha", "beta")) {
            OpenAPI bundle = Combiner.read(dir.resolve("out").resolve(service).resolve("META-INF/openapi.yaml"));
            assertThat(bundle.getComponents().getSchemas()).containsOnlyKeys("Name");
        }
    }

    @Test
    void aSharedOperationMountedFromCommonBundlesWithoutCopiesOfTheCommonComponents() throws IOException {
        // the spec reaches common.yaml as common/common.yaml, the mounted file as ../common/common.yaml: the parser
        // imports Problem twice (Problem_1), and the bundle keeps it once
        Files.createDirectories(dir.resolve("common"));
        for (String file : List.of("common.yaml", "audit.yaml")) {
            Files.copy(Path.of("common", file), dir.resolve("common").resolve(file));
        }
        Files.writeString(dir.resolve("alpha.yaml"), """
                openapi: 3.0.3
                info: {title: alpha, version: 1.0.0}
                security:
                  - bearer: []
                paths:
                  /api/v1/alphas:
                    get:
                      operationId: listAlphas
                      responses:
                        '200': {description: Alphas.}
                        '401':
                          $ref: 'common/common.yaml#/components/responses/Unauthorized'
                  /api/v1/alpha/audit-entries/verification:
                    $ref: 'common/audit.yaml#/paths/~1audit-entries~1verification'
                components:
                  securitySchemes:
                    bearer:
                      $ref: 'common/common.yaml#/components/securitySchemes/bearer'
                """);

        OpenAPI bundle = Bundler.bundle(dir.resolve("alpha.yaml"));

        assertThat(bundle.getComponents().getSchemas()).containsKeys("Problem", "AuditVerification")
                .doesNotContainKeys("Problem_1", "ProblemType_1");
        assertThat(io.swagger.v3.core.util.Yaml.pretty(bundle)).doesNotContain("_1\"").doesNotContain(".yaml#");
    }

    @Test
    void aComponentTheParserWouldRenameFailsTheBundle() throws IOException {
        // alpha defines Name itself and also reaches beta's different Name: the parser would call one Name_1
        Files.writeString(dir.resolve("beta.yaml"), """
                openapi: 3.0.3
                info: {title: beta, version: 1.0.0}
                paths: {}
                components:
                  schemas:
                    Thing:
                      type: object
                      properties:
                        name: {$ref: '#/components/schemas/Name'}
                    Name: {type: string, maxLength: 20}
                """);
        Files.writeString(dir.resolve("alpha.yaml"), referencing("alpha", "beta.yaml#/components/schemas/Thing")
                + "components:\n  schemas:\n    Name: {type: string, maxLength: 10}\n");

        assertThatThrownBy(() -> Bundler.bundle(dir.resolve("alpha.yaml")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[schemas/Name_1]")
                .hasMessageContaining("alpha.yaml")
                .hasMessageContaining("beta.yaml");
    }

    private static String referencing(String title, String ref) {
        return """
                openapi: 3.0.3
                info: {title: %s, version: 1.0.0}
                paths:
                  /api/v1/things:
                    get:
                      operationId: listThings
                      responses:
                        '200':
                          description: A thing.
                          content:
                            application/json:
                              schema:
                                $ref: '%s'
                """.formatted(title, ref);
    }
}
