package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The problem types the contract declares, as the tests read them: the generic ones in api-specs/common/common.yaml
 * ({@code components.schemas.ProblemType.x-ecogov-problem-types}) and each spec's own
 * ({@code info.x-ecogov-problem-types}), slug -> status and title. A service's test compares its enum with its
 * spec's list; the runtime's test checks every spec's list against the generic one and the others.
 */
public final class ProblemTypes {

    /** What a spec says of one problem type. */
    public record Declared(int status, String title) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProblemTypes() {
    }

    /** The generic types every service shares. */
    public static Map<String, Declared> generic() {
        return read(yaml(Contracts.root().resolve("api-specs/common/common.yaml"))
                .at("/components/schemas/ProblemType/x-ecogov-problem-types"));
    }

    /** The types of one spec of api-specs/ (e.g. {@code registry.yaml}) besides the generic ones. */
    public static Map<String, Declared> ofSpec(String file) {
        return read(yaml(Contracts.root().resolve("api-specs").resolve(file)).at("/info/x-ecogov-problem-types"));
    }

    /** Every OpenAPI spec of api-specs/ with its own types (empty for a spec that declares none). */
    public static Map<String, Map<String, Declared>> everySpec() {
        Map<String, Map<String, Declared>> all = new TreeMap<>();
        AccessDeclarations.specs().keySet().forEach(file -> all.put(file, ofSpec(file)));
        return all;
    }

    private static Map<String, Declared> read(JsonNode types) {
        Map<String, Declared> declared = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> type = it.next();
            declared.put(type.getKey(), new Declared(type.getValue().path("status").asInt(),
                    type.getValue().path("title").asText(null)));
        }
        return declared;
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
