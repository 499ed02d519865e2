package org.ecogov.runtime.validation;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.ecogov.testing.Contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Every patterned string of every spec: api-specs/*.yaml (each service's and the gateway's), api-specs/common/*.yaml and
 * the event probe's deploy/event-probe/event-probe.yaml, each parsed with swagger-parser with its references resolved
 * (as the build bundles them), walked through components, paths, parameters, bodies and response headers down to every
 * property and array item. Also what the services' bodies may be at most.
 */
final class SpecTexts {

    /** A string's rule as a spec states it: the pattern and the lengths beside it, and where it was first met. */
    record TextRule(String pattern, Integer minLength, Integer maxLength, String where) {
    }

    /** Quarkus's default for quarkus.http.limits.max-body-size. */
    private static final String QUARKUS_DEFAULT_BODY_LIMIT = "10240K";

    private SpecTexts() {
    }

    /** The spec files, relative to the repository root. */
    static List<String> specFiles() {
        List<String> files = new ArrayList<>();
        files.addAll(yamlIn("api-specs"));
        files.addAll(yamlIn("api-specs/common"));
        files.add("deploy/event-probe/event-probe.yaml");
        return files;
    }

    /** Each distinct (pattern, minLength, maxLength) of every spec. */
    static List<TextRule> rules() {
        Map<List<Object>, TextRule> distinct = new LinkedHashMap<>();
        for (String file : specFiles()) {
            Walk walk = new Walk(file);
            walk.api(parse(file));
            for (TextRule rule : walk.found) {
                distinct.putIfAbsent(java.util.Arrays.asList(rule.pattern(), rule.minLength(), rule.maxLength()), rule);
            }
        }
        return new ArrayList<>(distinct.values());
    }

    /**
     * Every value of a {@code pattern} key in the spec files as written, found without any OpenAPI knowledge: what
     * {@link #rules()} must have met, so that no pattern escapes the walk.
     */
    static Set<String> patternsAsWritten() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> patterns = new LinkedHashSet<>();
        for (String file : specFiles()) {
            try {
                collect(yaml.readTree(Contracts.root().resolve(file).toFile()), patterns);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return patterns;
    }

    /**
     * The patterns of the event schemas (api-specs/events/**&#47;*.json): the services publish those events themselves
     * and validate none of them with bean validation, but consumers and tools may check them, so they are held to the
     * same rules of dialect and time.
     */
    static Set<String> eventSchemaPatterns() {
        ObjectMapper json = new ObjectMapper();
        Set<String> patterns = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(Contracts.root().resolve("api-specs/events"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collect(json.readTree(file.toFile()), patterns);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the event schemas", e);
        }
        return patterns;
    }

    /**
     * The largest request body any service takes: quarkus.http.limits.max-body-size of each module that serves a spec
     * (those of services.yaml, the gateway, the event probe), Quarkus's default where one sets none.
     */
    static long largestBodyLimit() {
        List<String> modules = new ArrayList<>(List.of("gateway", "deploy/event-probe"));
        try {
            JsonNode list = new ObjectMapper(new YAMLFactory()).readTree(Contracts.root().resolve("services.yaml").toFile());
            list.path("services").forEach(service -> modules.add(service.path("module").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read services.yaml", e);
        }
        long largest = 0;
        for (String module : modules) {
            Properties properties = new Properties();
            Path file = Contracts.root().resolve(module).resolve("src/main/resources/application.properties");
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
            String limit = properties.getProperty("quarkus.http.limits.max-body-size", QUARKUS_DEFAULT_BODY_LIMIT);
            largest = Math.max(largest, new MemorySizeConverter().convert(limit).asLongValue());
        }
        return largest;
    }

    /**
     * The spec with its references into other files brought in as components (as the build's bundling does), the
     * references themselves kept: the walk visits every component once, and a reference carries no pattern of its own.
     */
    private static OpenAPI parse(String file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(Contracts.root().resolve(file).toUri().toString(),
                null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException(file + " does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    private static List<String> yamlIn(String folder) {
        try (Stream<Path> files = Files.list(Contracts.root().resolve(folder))) {
            return files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.endsWith(".yaml") && !name.startsWith("."))
                    .sorted().map(name -> folder + "/" + name).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }

    private static void collect(JsonNode node, Set<String> patterns) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (entry.getKey().equals("pattern") && entry.getValue().isTextual()) {
                    patterns.add(entry.getValue().asText());
                } else {
                    collect(entry.getValue(), patterns);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, patterns));
        }
    }

    /** One spec's walk; a schema met again (references resolve to shared objects) is not walked twice. */
    private static final class Walk {
        private final String file;
        private final List<TextRule> found = new ArrayList<>();
        private final Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Walk(String file) {
            this.file = file;
        }

        void api(OpenAPI api) {
            if (api.getComponents() != null) {
                var components = api.getComponents();
                each(components.getSchemas(), (name, schema) -> schema(schema, "#/components/schemas/" + name));
                each(components.getParameters(), (name, parameter) -> parameter(parameter, "#/components/parameters/" + name));
                each(components.getHeaders(), (name, header) -> header(header, "#/components/headers/" + name));
                each(components.getResponses(), (name, response) -> response(response, "#/components/responses/" + name));
                each(components.getRequestBodies(), (name, body) -> body(body, "#/components/requestBodies/" + name));
            }
            each(api.getPaths(), (path, item) -> pathItem(item, path));
        }

        private void pathItem(PathItem item, String path) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(parameter -> parameter(parameter, path));
            }
            item.readOperationsMap().forEach((method, operation) -> operation(operation, method + " " + path));
        }

        private void operation(Operation operation, String where) {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> parameter(parameter, where));
            }
            if (operation.getRequestBody() != null) {
                body(operation.getRequestBody(), where + " body");
            }
            each(operation.getResponses(), (status, response) -> response(response, where + " " + status));
        }

        private void parameter(Parameter parameter, String where) {
            schema(parameter.getSchema(), where + " " + parameter.getIn() + " " + parameter.getName());
            content(parameter.getContent(), where + " " + parameter.getName());
        }

        private void header(Header header, String where) {
            schema(header.getSchema(), where);
            content(header.getContent(), where);
        }

        private void response(ApiResponse response, String where) {
            each(response.getHeaders(), (name, header) -> header(header, where + " header " + name));
            content(response.getContent(), where);
        }

        private void body(RequestBody body, String where) {
            content(body.getContent(), where);
        }

        private void content(Content content, String where) {
            each(content, (type, media) -> schema(media.getSchema(), where + " " + type));
        }

        @SuppressWarnings("unchecked")
        private void schema(Schema<?> schema, String where) {
            if (schema == null || !seen.add(schema)) {
                return;
            }
            if (schema.getPattern() != null) {
                found.add(new TextRule(schema.getPattern(), schema.getMinLength(), schema.getMaxLength(), file + " " + where));
            }
            each(schema.getProperties(), (name, property) -> schema(property, where + "." + name));
            schema(schema.getItems(), where + "[]");
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                schema(values, where + "{}");
            }
            for (List<Schema> parts : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
                parts.forEach(part -> schema(part, where));
            }
            schema(schema.getNot(), where + "!");
        }

        @SuppressWarnings("rawtypes")
        private static List<Schema> nonNull(List<Schema> list) {
            return list == null ? List.of() : list;
        }

        private static <K, V> void each(Map<K, V> map, java.util.function.BiConsumer<K, V> action) {
            if (map != null) {
                map.forEach(action);
            }
        }
    }
}
