package org.ecogov.testing;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Bad input on every operation of a contract, not a sample (DESIGN §8): the operations are read from the
 * spec, and every body, path, query and header input of each is broken in the ways the platform promises
 * to refuse — pattern, enum, length, range, type, malformed JSON, wrong top-level type, wrong media type,
 * unknown and missing members. A service's test supplies good values for its path parameters and checks
 * that the answers are problem+json 4xx naming the field, and that nothing was written.
 */
public final class BadInputSweep {

    /**
     * One request that must be refused; {@code field} is what the problem must name (null: nothing to name).
     * {@code geoReport}: the operation declares its errors in Open311 GeoReport v2's shape instead of problem+json
     * (its 400 is {@code application/json}: an array of {@code {code, description}}, the description naming the
     * field first, {@code "field: message"}), so that shape is what the answer must have.
     */
    public record Case(String operation, String method, String url, String body, String contentType,
            Map<String, String> headers, String field, boolean geoReport) {

        /** A case of an operation that answers problem+json, as every operation but Open311's does. */
        public Case(String operation, String method, String url, String body, String contentType,
                Map<String, String> headers, String field) {
            this(operation, method, url, body, contentType, headers, field, false);
        }
    }

    private BadInputSweep() {
    }

    /**
     * @param goodPathValue a valid value for a path parameter, given its name and the path template
     * @param goodQueryValue a valid value for a required query parameter, given its name
     */
    public static List<Case> cases(OpenAPI api, BiFunction<String, String, String> goodPathValue,
            Function<String, String> goodQueryValue) {
        List<Case> cases = new ArrayList<>();
        api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, op) -> {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            if (op.getParameters() != null) {
                parameters.addAll(op.getParameters());
            }
            String url = url(template, parameters, goodPathValue, goodQueryValue, null, null);
            Map<String, String> goodHeaders = goodHeaders(parameters);
            boolean hasBody = op.getRequestBody() != null;
            boolean json = hasBody && op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().containsKey("application/json");
            // a parameter's case carries a body the operation takes: "{}" where it takes JSON, none otherwise (a
            // file or a CSV that is missing is refused too, naming the body, besides the broken parameter)
            String paramBody = json ? "{}" : null;
            String name = method + " " + template;
            boolean geoReport = declaresGeoReportErrors(op);
            int first = cases.size();

            for (Parameter p : parameters) {
                List<String> badOnes = new ArrayList<>(badValues(p.getSchema()));
                if (!"path".equals(p.getIn()) && refusesEmpty(p.getSchema())) {
                    // sent with nothing: "?divisionCode=", "Idempotency-Key:" (a path segment cannot be empty)
                    badOnes.add("");
                }
                for (String bad : badOnes) {
                    switch (p.getIn()) {
                        case "path" -> cases.add(new Case(name, method.name(),
                                url(template, parameters, goodPathValue, goodQueryValue, p.getName(), encoded(bad, true)),
                                paramBody, "application/json", goodHeaders, p.getName()));
                        case "query" -> cases.add(new Case(name, method.name(),
                                withQuery(url, p.getName(), encoded(bad, false)),
                                paramBody, "application/json", goodHeaders, p.getName()));
                        case "header" -> {
                            Map<String, String> headers = new java.util.LinkedHashMap<>(goodHeaders);
                            headers.put(p.getName(), bad);
                            cases.add(new Case(name, method.name(), url, paramBody, "application/json", headers,
                                    p.getName()));
                        }
                        default -> throw new IllegalStateException("unexpected parameter location " + p.getIn());
                    }
                }
            }
            if (hasBody && !json) {
                // a body of another kind (CSV, JSON lines, an image): the sweep knows no broken one in general, but
                // JSON sent there is the wrong media type; the service's own tests break the body itself
                cases.add(new Case(name, method.name(), url, "{}", "application/json", goodHeaders, null));
            }
            if (json) {
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
            if (geoReport) {
                for (int i = first; i < cases.size(); i++) {
                    Case c = cases.get(i);
                    cases.set(i, new Case(c.operation(), c.method(), c.url(), c.body(), c.contentType(), c.headers(),
                            c.field(), true));
                }
            }
        }));
        return cases;
    }

    /** Whether an operation's 400 is declared as plain JSON (GeoReport's error array) rather than problem+json. */
    static boolean declaresGeoReportErrors(io.swagger.v3.oas.models.Operation op) {
        if (op.getResponses() == null || op.getResponses().get("400") == null
                || op.getResponses().get("400").getContent() == null) {
            return false;
        }
        var content = op.getResponses().get("400").getContent();
        return content.containsKey("application/json") && !content.containsKey("application/problem+json");
    }

    /**
     * Sends every case with the given credentials and returns a line for each answer that is not a
     * problem+json 4xx naming the case's field; empty when all were refused as promised.
     */
    public static List<String> wronglyAnswered(List<Case> cases, Function<RequestSpecification, RequestSpecification> credentials) {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            RequestSpecification request = credentials.apply(given()).headers(c.headers());
            if (c.body() != null) {
                request.contentType(c.contentType()).body(c.body());
            }
            Response response = request.request(c.method(), c.url());
            String type = response.getContentType();
            int status = response.statusCode();
            if (c.geoReport()) {
                if (!geoReportNaming(response, c.field())) {
                    wrong.add(c + " -> " + status + " " + type + " " + response.asString());
                }
                continue;
            }
            boolean problem = type != null && type.startsWith("application/problem+json");
            List<String> fields = status < 500 && problem ? response.path("errors.field") : null;
            boolean ok = status >= 400 && status < 500 && problem
                    && (c.field() == null || (fields != null && fields.contains(c.field())));
            if (!ok) {
                wrong.add(c + " -> " + status + " " + type + " " + response.asString());
            }
        }
        return wrong;
    }

    /** A GeoReport error answer: 4xx JSON, an array of {code: the status, description}, one naming the field. */
    private static boolean geoReportNaming(Response response, String field) {
        int status = response.statusCode();
        String type = response.getContentType();
        if (status < 400 || status >= 500 || type == null || !type.startsWith("application/json")) {
            return false;
        }
        Object body;
        try {
            body = response.jsonPath().get("");
        } catch (RuntimeException e) {
            return false;
        }
        if (!(body instanceof List<?> errors) || errors.isEmpty()) {
            return false;
        }
        boolean named = field == null;
        for (Object error : errors) {
            if (!(error instanceof Map<?, ?> entry) || !Integer.valueOf(status).equals(entry.get("code"))
                    || !(entry.get("description") instanceof String description)) {
                return false;
            }
            named |= description.startsWith(field + ": ");
        }
        return named;
    }

    /**
     * Values that break a parameter's schema: its pattern, its enum, its length, its range or its type. Values as
     * they are meant (not URL-encoded): a header is sent so, a path or query value encoded by {@link #encoded}.
     */
    static List<String> badValues(Schema<?> schema) {
        List<String> bad = new ArrayList<>();
        if (schema.getEnum() != null) {
            bad.add("no-such-value");
        }
        if (schema.getPattern() != null) {
            // the first of these the pattern refuses (as OpenAPI reads a pattern: found anywhere in the value); a
            // pattern that takes every one of them gets no case here
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(schema.getPattern());
            PATTERN_BREAKERS.stream().filter(value -> !pattern.matcher(value).find()).findFirst().ifPresent(bad::add);
        }
        if (schema.getMaxLength() != null) {
            bad.add("9".repeat(schema.getMaxLength() + 1));
        }
        if ("integer".equals(schema.getType())) {
            bad.add("ten");
            if (schema.getMaximum() != null) {
                bad.add(schema.getMaximum().add(BigDecimal.ONE).toPlainString());
            }
            if (schema.getMinimum() != null) {
                bad.add(schema.getMinimum().subtract(BigDecimal.ONE).toPlainString());
            }
        }
        if ("boolean".equals(schema.getType())) {
            bad.add("perhaps");
        }
        return bad;
    }

    /**
     * Whether the schema refuses the empty text: a {@code minLength}, a pattern that needs a character (found
     * anywhere, as OpenAPI reads it), an enum, a number, a boolean, or a format such as a date or a UUID.
     */
    static boolean refusesEmpty(Schema<?> schema) {
        if (schema.getEnum() != null || schema.getMinLength() != null && schema.getMinLength() > 0) {
            return true;
        }
        if (schema.getPattern() != null && !java.util.regex.Pattern.compile(schema.getPattern()).matcher("").find()) {
            return true;
        }
        String type = schema.getType();
        return "integer".equals(type) || "number".equals(type) || "boolean".equals(type)
                || schema.getFormat() != null && List.of("date", "date-time", "uuid").contains(schema.getFormat());
    }

    /** Tried in order against a pattern: punctuation, inner white space, a non-ASCII letter, braces. */
    private static final List<String> PATTERN_BREAKERS = List.of("!!", "a b", "\u00e9\u00e9", "{}", "0");

    /** A value as it goes into a path segment ({@code path}) or a query, percent-encoded. */
    static String encoded(String value, boolean path) {
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        return path ? encoded.replace("+", "%20") : encoded;
    }

    private static String url(String template, List<Parameter> parameters, BiFunction<String, String, String> goodPathValue,
            Function<String, String> goodQueryValue, String brokenName, String brokenValue) {
        String url = template;
        for (Parameter p : parameters) {
            if (!"path".equals(p.getIn())) {
                continue;
            }
            String value = p.getName().equals(brokenName) ? brokenValue : goodPathValue.apply(p.getName(), template);
            url = url.replace("{" + p.getName() + "}", value);
        }
        List<String> required = new ArrayList<>();
        for (Parameter p : parameters) {
            if ("query".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired())) {
                required.add(p.getName() + "=" + goodQueryValue.apply(p.getName()));
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

    private static Map<String, String> goodHeaders(List<Parameter> parameters) {
        return parameters.stream().anyMatch(p -> "If-Match".equals(p.getName())) ? Map.of("If-Match", "\"1\"") : Map.of();
    }
}
