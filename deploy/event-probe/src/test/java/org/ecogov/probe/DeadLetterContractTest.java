package org.ecogov.probe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.core.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * The probe serves its contract: the shared dead-letter operations exactly as api-specs/common/dead-letters.yaml has
 * them, under /api/v1/event-probe, and its registry read; every operation is routed and needs a platform-admin, no
 * endpoint exists beside the generated interfaces, and bad input on every one is a problem+json 4xx naming the
 * field that changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "event_probe_contract"))
class DeadLetterContractTest {

    private static final String SPEC = "deploy/event-probe/event-probe.yaml";
    private static final String PREFIX = "/api/v1/event-probe";
    private static final String USCC = "91341702669392367N";
    private static final List<Class<? extends Annotation>> HTTP_METHODS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    @Test
    void theContractMountsTheSharedOperationsUnderTheProbesPrefix() {
        OpenAPI shared = Contracts.specAt("api-specs/common/dead-letters.yaml");
        OpenAPI probe = Contracts.specAt(SPEC);
        ObjectNode expected = Json.mapper().createObjectNode();
        shared.getPaths().forEach((path, item) -> expected.set(PREFIX + path, Json.mapper().valueToTree(item)));
        ObjectNode mounted = Json.mapper().createObjectNode();
        probe.getPaths().forEach((path, item) -> {
            if (path.startsWith(PREFIX + "/dead-letters")) {
                mounted.set(path, Json.mapper().valueToTree(item));
            }
        });
        withoutSerialisationDefaults(expected);
        withoutSerialisationDefaults(mounted);
        assertThat(firstDifference(mounted, expected, "/paths")).isNull();
        assertThat(mounted.properties().stream().map(Map.Entry::getKey)).containsExactly(PREFIX + "/dead-letters",
                PREFIX + "/dead-letters/{id}", PREFIX + "/dead-letters/{id}/replay");
    }

    /**
     * The parser spells out a parameter's default serialisation ({@code style}, {@code explode}) for some mounted
     * parameters and not others; neither file sets them, so they are dropped before comparing.
     */
    private static void withoutSerialisationDefaults(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("in")) {
            object.remove(List.of("style", "explode"));
        }
        node.forEach(DeadLetterContractTest::withoutSerialisationDefaults);
    }

    /** The JSON pointer of the first place where two trees differ, with both values; null if equal. */
    private static String firstDifference(JsonNode actual, JsonNode expected, String at) {
        if (actual.equals(expected)) {
            return null;
        }
        if (actual.isObject() && expected.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            actual.fieldNames().forEachRemaining(names::add);
            expected.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String d = firstDifference(actual.path(name), expected.path(name), at + "/" + name);
                if (d != null) {
                    return d;
                }
            }
        }
        if (actual.isArray() && expected.isArray() && actual.size() == expected.size()) {
            for (int i = 0; i < actual.size(); i++) {
                String d = firstDifference(actual.get(i), expected.get(i), at + "/" + i);
                if (d != null) {
                    return d;
                }
            }
        }
        return at + ": mounted " + actual + " but the shared definition says " + expected;
    }

    @Test
    void everyOperationOfTheContractIsRoutedAndNeedsAPlatformAdmin() {
        List<String> checked = new ArrayList<>();
        String officer = TestTokens.officer("EEB-341702", "341702");
        Contracts.specAt(SPEC).getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, op) -> {
            String url = template.replace("{id}", "1").replace("{uscc}", USCC);
            // a path or method the probe does not route would answer 404 or 405
            given().request(method.name(), url).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(officer).request(method.name(), url).then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
            checked.add(method + " " + template);
        }));
        assertThat(checked).hasSize(4);
    }

    @Test
    void everyOperationDeclaresTheDeadLetterAccessRule() {
        List<String> undeclared = new ArrayList<>();
        Contracts.specAt(SPEC).getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            Method method = Stream.of(DeadLetterResource.class, RegistryReadResource.class)
                    .flatMap(type -> java.util.Arrays.stream(type.getDeclaredMethods()))
                    .filter(m -> m.getName().equals(op.getOperationId())).findFirst().orElse(null);
            org.ecogov.runtime.access.Access access = method == null ? null
                    : method.getAnnotation(org.ecogov.runtime.access.Access.class);
            if (access == null || new ProbeAccess().rules().find(access.value()).isEmpty()) {
                undeclared.add(op.getOperationId());
            }
        }));
        assertThat(undeclared).as("operations without @Access naming one of the probe's rules").isEmpty();
    }

    @Test
    void noEndpointExistsOutsideTheGeneratedInterface() throws IOException {
        List<String> strays = new ArrayList<>();
        Path classes = Contracts.root().resolve("deploy/event-probe/target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith("org.ecogov.probe.api.")) {
                    continue; // generated from the contract
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    strays.add(name);
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(jakarta.ws.rs.Path.class) || HTTP_METHODS.stream().anyMatch(m::isAnnotationPresent)) {
                        strays.add(name + "#" + m.getName());
                    }
                }
            }
        }
        assertThat(strays).as("JAX-RS endpoints declared by hand instead of in the contract").isEmpty();
    }

    @Test
    void theServedAnswersHaveTheContractsShape() throws Exception {
        String letter = ProbeDatabase.parkUnreadable("{\"shape\":\"check\"}");
        String admin = TestTokens.platformAdmin();
        given().auth().oauth2(admin).queryParam("limit", 100).get(PREFIX + "/dead-letters")
                .then().statusCode(200).contentType("application/json")
                .body("items.id", hasItem(letter));
        given().auth().oauth2(admin).get(PREFIX + "/dead-letters/{id}", letter)
                .then().statusCode(200)
                .body("id", equalTo(letter))
                .body("consumer", equalTo("event-probe"))
                .body("attempts", equalTo(1))
                .body("lastError", equalTo("UnreadableEventException: no CloudEvent"))
                // no readable CloudEvent: the optional members are left out, never null
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("eventId")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("replayedAt")));
        given().auth().oauth2(admin).get(PREFIX + "/dead-letters/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/dead-letter-not-found"));
    }

    @Test
    void badInputOnEveryOperationIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        String letter = ProbeDatabase.parkUnreadable("{\"bad\":\"input\"}");
        String before = ProbeDatabase.deadLetterState();

        List<BadInputSweep.Case> cases = new ArrayList<>(BadInputSweep.cases(Contracts.specAt(SPEC),
                (name, template) -> name.equals("uscc") ? USCC : letter, name -> {
                    throw new IllegalStateException("no required query parameter expected: " + name);
                }));
        // a cursor of the right alphabet that no page of this list ever handed out
        cases.add(new BadInputSweep.Case("GET " + PREFIX + "/dead-letters", "GET",
                PREFIX + "/dead-letters?cursor=bm90LWFuLWlk", null, "application/json", Map.of(), "cursor"));
        cases.add(new BadInputSweep.Case("POST " + PREFIX + "/dead-letters/{id}/replay", "POST",
                PREFIX + "/dead-letters/99999999999999999999/replay", null, "application/json", Map.of(), "id"));
        String admin = TestTokens.platformAdmin();
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(admin));

        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases.stream().map(BadInputSweep.Case::field).distinct()).contains("id", "cursor", "limit", "uscc");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        assertThat(ProbeDatabase.deadLetterState()).as("nothing changed by bad input").isEqualTo(before);
    }

    @Test
    void aProbeStartedWithoutAnIdentityOfItsOwnSaysSoInsteadOfReadingTheRegistry() {
        // this test's probe has no ecogov.service.client-id: the read cannot be made as itself, and never as the caller
        given().auth().oauth2(TestTokens.platformAdmin()).get(PREFIX + "/registry-reads/{uscc}", USCC)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("/problems/service-unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("ecogov.service.client-id"));
    }
}
