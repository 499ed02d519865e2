package org.ecogov.enforcement.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running enforcement service serves its contract, and the contract is what runs: the served document
 * equals api-specs/enforcement.yaml (all references resolved), every operation in it is routed, and
 * no endpoint exists that is not in it.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ContractTest {

    private static final String SPEC = "api-specs/enforcement.yaml";
    private static final List<Class<? extends Annotation>> HTTP_METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    @Test
    void servedDocumentIsTheContract() throws IOException {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode servedTree = tree(Contracts.parse(served));
        JsonNode contractTree = tree(Contracts.spec("enforcement.yaml"));

        for (String part : List.of("/paths", "/info", "/security", "/components/securitySchemes")) {
            assertThat(firstDifference(servedTree.at(part), contractTree.at(part), part))
                    .as("served /q/openapi differs from " + SPEC)
                    .isNull();
        }
    }

    @Test
    void everyOperationOfTheContractIsRouted() throws IOException {
        JsonNode paths = tree(Contracts.spec("enforcement.yaml")).get("paths");
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String url = sampleUrl(path.getKey());
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    continue;
                }
                // every operation needs a token: an anonymous call reaching the operation answers 401,
                // while a path or method the service does not route answers 404 or 405
                // a body of the operation's first media type (the evidence upload takes a file, not JSON)
                JsonNode content = path.getValue().get(method).path("requestBody").path("content");
                String media = content.isObject() && content.fieldNames().hasNext() ? content.fieldNames().next()
                        : "application/json";
                int status = given().contentType(media).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).request(method.toUpperCase(), url).statusCode();
                assertThat(status).as(method.toUpperCase() + " " + url).isEqualTo(401);
                checked.add(method + " " + path.getKey());
            }
        }
        assertThat(checked).hasSize(32);
    }

    @Test
    void noEndpointExistsOutsideTheGeneratedInterfaces() throws IOException {
        List<String> strays = new ArrayList<>();
        java.nio.file.Path classes = Contracts.root().resolve("services/enforcement/target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith("org.ecogov.enforcement.api.")) {
                    continue; // generated from the contract
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (type.isAnnotationPresent(Path.class)) {
                    strays.add(name);
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Path.class) || HTTP_METHODS.stream().anyMatch(m::isAnnotationPresent)) {
                        strays.add(name + "#" + m.getName());
                    }
                }
            }
        }
        assertThat(strays).as("JAX-RS endpoints declared by hand instead of in api-specs").isEmpty();
    }

    /** The JSON pointer of the first place where two trees differ, with both values; null if equal. */
    private static String firstDifference(JsonNode served, JsonNode contract, String at) {
        if (served.equals(contract)) {
            return null;
        }
        if (served.isObject() && contract.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            served.fieldNames().forEachRemaining(names::add);
            contract.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String d = firstDifference(served.path(name), contract.path(name), at + "/" + name);
                if (d != null) {
                    return d;
                }
            }
        }
        if (served.isArray() && contract.isArray() && served.size() == contract.size()) {
            for (int i = 0; i < served.size(); i++) {
                String d = firstDifference(served.get(i), contract.get(i), at + "/" + i);
                if (d != null) {
                    return d;
                }
            }
        }
        return at + ": served " + served + " but the contract says " + contract;
    }

    private static String sampleUrl(String template) {
        return template
                .replace("{inspectionId}", "3f0c2b9e-6a51-4d3e-9b7a-0c1d2e3f4a5b")
                .replace("{caseId}", "4a1d3c0f-7b62-4e4f-8c8b-1d2e3f4a5b6c")
                .replace("{decisionId}", "5b2e4d1a-8c73-4f5a-9d9c-2e3f4a5b6c7d")
                .replace("{planId}", "6c3f5e2b-9d84-4a6b-8e0d-3f4a5b6c7d8e")
                .replace("{evidenceId}", "7d4a6f3c-0e95-4b7c-9f1e-4a5b6c7d8e9f")
                .replace("{chain}", "gateway");
    }

    /** A parsed document as a comparable tree, with default parameter serialisation left implicit. */
    private static JsonNode tree(OpenAPI api) throws IOException {
        ObjectMapper mapper = Json.mapper();
        JsonNode tree = mapper.readTree(mapper.writeValueAsString(api));
        withoutDefaultSerialisation(tree);
        return tree;
    }

    /**
     * Parsing spells out a parameter's default serialisation (`style: form, explode: true` for a
     * query parameter, `style: simple, explode: false` for a path or header one) where the source
     * leaves it implicit. Both mean the same, so defaults are dropped from both before comparing.
     */
    private static void withoutDefaultSerialisation(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            if (object.has("schema") && (object.has("style") || object.has("explode"))) {
                // a parameter or a response header
                boolean query = List.of("query", "cookie").contains(object.path("in").asText());
                if (object.path("style").asText().equals(query ? "form" : "simple")) {
                    object.remove("style");
                }
                if (object.has("explode") && object.get("explode").asBoolean() == query) {
                    object.remove("explode");
                }
            }
        }
        node.forEach(ContractTest::withoutDefaultSerialisation);
    }
}
