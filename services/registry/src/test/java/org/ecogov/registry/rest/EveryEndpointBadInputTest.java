package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.ecogov.registry.Contract;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;

/**
 * Bad input on every operation of the contract, not just a sample: the operations are read from
 * api-specs/registry.yaml, and for each one every body, path, query and header input is broken in
 * the ways DESIGN §8 lists. Every answer must be a problem+json 4xx (never a 500), must name the
 * broken field where there is one, and nothing may be written.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EveryEndpointBadInputTest {

    private record Case(String operation, String method, String url, String body, String contentType,
                        Map<String, String> headers, String field) {
    }

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() {
        ensureWorld();
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Long> before = Database.rowCounts();

        List<Case> cases = cases(uscc);
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            RequestSpecification request = given().auth().oauth2(ADMIN).headers(c.headers());
            if (c.body() != null) {
                request.contentType(c.contentType()).body(c.body());
            }
            Response response = request.request(c.method(), c.url());
            String type = response.getContentType();
            int status = response.statusCode();
            List<String> fields = status < 500 && type != null && type.startsWith("application/problem+json")
                    ? response.path("errors.field") : null;
            boolean ok = status >= 400 && status < 500
                    && type != null && type.startsWith("application/problem+json")
                    && (c.field() == null || (fields != null && fields.contains(c.field())));
            if (!ok) {
                wrong.add(c + " -> " + status + " " + type + " " + response.asString());
            }
        }
        System.out.printf("bad input: %d cases over %d operations%n", cases.size(),
                cases.stream().map(Case::operation).distinct().count());
        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(Database.rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    /** Every way of breaking every input of every operation in the contract. */
    private static List<Case> cases(String uscc) {
        OpenAPI api = Contract.registrySpec();
        List<Case> cases = new ArrayList<>();
        api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            if (op.getParameters() != null) {
                parameters.addAll(op.getParameters());
            }
            String url = url(template, parameters, uscc, null, null);
            Map<String, String> goodHeaders = goodHeaders(parameters);
            boolean hasBody = op.getRequestBody() != null;
            String name = method + " " + template;

            for (Parameter p : parameters) {
                for (String bad : badValues(p.getSchema())) {
                    switch (p.getIn()) {
                        case "path" -> cases.add(new Case(name, method.name(), url(template, parameters, uscc, p.getName(), bad),
                                hasBody ? "{}" : null, "application/json", goodHeaders, p.getName()));
                        case "query" -> cases.add(new Case(name, method.name(),
                                withQuery(url, p.getName(), bad),
                                hasBody ? "{}" : null, "application/json", goodHeaders, p.getName()));
                        case "header" -> cases.add(new Case(name, method.name(), url, hasBody ? "{}" : null,
                                "application/json", Map.of(p.getName(), bad), p.getName()));
                        default -> throw new IllegalStateException("unexpected parameter location " + p.getIn());
                    }
                }
            }
            if (hasBody) {
                cases.add(new Case(name, method.name(), url, "{\"a\": 1,, }", "application/json", goodHeaders, null));
                cases.add(new Case(name, method.name(), url, "[]", "application/json", goodHeaders, null));
                cases.add(new Case(name, method.name(), url, "\"text\"", "application/json", goodHeaders, null));
                cases.add(new Case(name, method.name(), url, "{}", "text/plain", goodHeaders, null));
                cases.add(new Case(name, method.name(), url, "{\"surplus\": true}", "application/json", goodHeaders, "surplus"));
                Schema<?> body = op.getRequestBody().getContent().get("application/json").getSchema();
                for (String required : body.getRequired() == null ? List.<String>of() : body.getRequired()) {
                    cases.add(new Case(name, method.name(), url, "{}", "application/json", goodHeaders, required));
                }
            }
        }));
        return cases;
    }

    /** Values that break a parameter's schema: its pattern, its enum, its range or its type. */
    private static List<String> badValues(Schema<?> schema) {
        List<String> bad = new ArrayList<>();
        if (schema.getEnum() != null) {
            bad.add("no-such-value");
        }
        if (schema.getPattern() != null) {
            bad.add("%21%21");                                   // "!!" matches none of the contract's patterns
        }
        if (schema.getMaxLength() != null) {
            bad.add("9".repeat(schema.getMaxLength() + 1));
        }
        if ("integer".equals(schema.getType())) {
            bad.add("ten");
            if (schema.getMaximum() != null) {
                bad.add(schema.getMaximum().add(java.math.BigDecimal.ONE).toPlainString());
            }
            if (schema.getMinimum() != null) {
                bad.add(schema.getMinimum().subtract(java.math.BigDecimal.ONE).toPlainString());
            }
        }
        if ("boolean".equals(schema.getType())) {
            bad.add("perhaps");
        }
        return bad;
    }

    private static String url(String template, List<Parameter> parameters, String uscc, String brokenName, String brokenValue) {
        String url = template;
        for (Parameter p : parameters) {
            if (!"path".equals(p.getIn())) {
                continue;
            }
            String value = p.getName().equals(brokenName) ? brokenValue : goodPathValue(p.getName(), template, uscc);
            url = url.replace("{" + p.getName() + "}", value);
        }
        List<String> required = new ArrayList<>();
        for (Parameter p : parameters) {
            if ("query".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired())) {
                required.add(p.getName() + "=" + goodQueryValue(p.getName()));
            }
        }
        return required.isEmpty() ? url : url + "?" + String.join("&", required);
    }

    /** The URL with this query parameter set to the value, replacing a good value already there. */
    private static String withQuery(String url, String name, String value) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        List<String> pairs = new ArrayList<>();
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                if (!pair.startsWith(name + "=")) {
                    pairs.add(pair);
                }
            }
        }
        pairs.add(name + "=" + value);
        return path + "?" + String.join("&", pairs);
    }

    private static String goodPathValue(String name, String template, String uscc) {
        return switch (name) {
            case "uscc" -> uscc;
            case "code" -> template.contains("/outlets/") ? "DA001" : template.contains("/agencies/") ? EEB : DISTRICT;
            case "number" -> uscc + "001P";
            case "matterType" -> "water";
            case "divisionCode" -> DISTRICT;
            default -> throw new IllegalStateException("no sample value for path parameter " + name);
        };
    }

    private static String goodQueryValue(String name) {
        return switch (name) {
            case "matterType" -> "water";
            case "divisionCode" -> DISTRICT;
            default -> throw new IllegalStateException("no sample value for required query parameter " + name);
        };
    }

    private static Map<String, String> goodHeaders(List<Parameter> parameters) {
        return parameters.stream().anyMatch(p -> "If-Match".equals(p.getName())) ? Map.of("If-Match", "\"1\"") : Map.of();
    }
}
