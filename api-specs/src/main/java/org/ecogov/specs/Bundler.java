package org.ecogov.specs;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bundles a service spec into one self-contained document: references into common/ (or into another
 * service's spec) become local components under their own names; no examples are generated and
 * nothing is renamed. The parser does write out parameter defaults ({@code style}, {@code explode})
 * and moves path-level and referenced parameters into the operations, which changes no meaning.
 * The services serve the bundle as their /q/openapi; {@link Combiner} merges the bundles into the
 * gateway's document.
 *
 * <p>Usage: {@code Bundler <specs dir> <output dir> <service>...} writes
 * {@code <output dir>/<service>/META-INF/openapi.yaml} for each {@code <specs dir>/<service>.yaml}.
 * An argument may name several services, separated by spaces or commas, or a service list file
 * ({@code services.yaml}) for the services it lists; the build passes the list and {@code gateway}.
 */
public final class Bundler {

    /** The sections of {@code components} whose entries are referenced by name. */
    static final List<String> COMPONENT_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "securitySchemes", "links", "callbacks");

    private Bundler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Bundler <specs dir> <output dir> <service>...");
        }
        Path specs = Path.of(args[0]);
        Path output = Path.of(args[1]);
        for (String service : Services.names(Arrays.asList(args).subList(2, args.length))) {
            OpenAPI bundled = bundle(specs.resolve(service + ".yaml"));
            write(bundled, output.resolve(service));
        }
    }

    /** The spec with every reference into another file replaced by a local component of the same name. */
    static OpenAPI bundle(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException(spec + " does not parse: " + result.getMessages());
        }
        OpenAPI bundled = collapseIdenticalCopies(result.getOpenAPI());
        requireNoInventedComponents(spec, bundled);
        return bundled;
    }

    /**
     * The parser imports a component once per spelling of its reference: {@code common/common.yaml#/...} in a spec
     * and {@code ../common/common.yaml#/...} in a file of common/ that the spec mounts path items from
     * (common/audit.yaml) reach the same definition, and the second arrives as {@code Name_1}. A copy equal to the
     * component whose name it took is that component: its references are pointed back at it and the copy goes.
     * Copies that differ stay, for {@link #requireNoInventedComponents} to refuse.
     */
    static OpenAPI collapseIdenticalCopies(OpenAPI parsed) {
        JsonNode tree = Json.mapper().valueToTree(parsed);
        boolean collapsed = false;
        boolean found = true;
        while (found) {
            found = false;
            for (String section : COMPONENT_SECTIONS) {
                JsonNode entries = tree.path("components").path(section);
                for (Iterator<String> names = entries.fieldNames(); names.hasNext() && !found; ) {
                    String name = names.next();
                    java.util.regex.Matcher copy = COPY.matcher(name);
                    if (copy.matches() && entries.get(copy.group(1)) != null
                            && entries.get(copy.group(1)).equals(entries.get(name))) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) entries).remove(name);
                        redirect(tree, "#/components/" + section + "/" + name,
                                "#/components/" + section + "/" + copy.group(1));
                        found = true;
                        collapsed = true;
                    }
                }
            }
        }
        if (!collapsed) {
            return parsed;
        }
        try {
            return Json.mapper().treeToValue(tree, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle does not read back after merging identical components", e);
        }
    }

    /** The parser's name for the n-th copy of a component. */
    private static final java.util.regex.Pattern COPY = java.util.regex.Pattern.compile("(.+)_([0-9]+)");

    private static void redirect(JsonNode node, String from, String to) {
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(node));
        while (!pending.isEmpty()) {
            JsonNode current = pending.removeFirst();
            JsonNode ref = current.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) current).put("$ref", to);
            }
            for (Iterator<JsonNode> children = current.elements(); children.hasNext(); ) {
                pending.add(children.next());
            }
        }
    }

    /** Writes {@code <dir>/META-INF/openapi.yaml}, where a Quarkus application serves it from as /q/openapi. */
    static Path write(OpenAPI document, Path dir) throws IOException {
        Path target = dir.resolve("META-INF").resolve("openapi.yaml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, Yaml.pretty(document));
        return target;
    }

    /**
     * When two files define different components under one name, the parser keeps both and renames
     * the second ({@code Name_1}) without a word. Every component of a bundle must carry a name some
     * source file gave it, so such a clash fails here instead of leaking a made-up name into the
     * generated code and the combined document.
     */
    private static void requireNoInventedComponents(Path spec, OpenAPI bundled) {
        if (bundled.getComponents() == null) {
            return;
        }
        Set<Path> sources = sourceFiles(spec);
        List<JsonNode> sourceComponents = sources.stream().map(source -> readTree(source).path("components")).toList();
        JsonNode components = Json.mapper().valueToTree(bundled.getComponents());
        List<String> invented = new ArrayList<>();
        for (String section : COMPONENT_SECTIONS) {
            Set<String> defined = new HashSet<>();
            for (JsonNode source : sourceComponents) {
                source.path(section).fieldNames().forEachRemaining(defined::add);
            }
            components.path(section).fieldNames().forEachRemaining(name -> {
                if (!defined.contains(name)) {
                    invented.add(section + "/" + name);
                }
            });
        }
        if (!invented.isEmpty()) {
            throw new IllegalStateException(spec + ": the bundle has components no source file defines " + invented
                    + "; two of " + sources + " define different components under one name (the parser renamed"
                    + " one); give them different names or define the shared one once in common/common.yaml");
        }
    }

    /** The spec and every file its references reach, directly or through other files. */
    static Set<Path> sourceFiles(Path spec) {
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(spec.toAbsolutePath().normalize());
        while (!pending.isEmpty()) {
            Path file = pending.removeFirst();
            if (!seen.add(file)) {
                continue;
            }
            for (String ref : references(readTree(file))) {
                int hash = ref.indexOf('#');
                String location = hash < 0 ? ref : ref.substring(0, hash);
                if (!location.isEmpty() && !location.contains(":")) {
                    pending.add(file.resolveSibling(location).normalize());
                }
            }
        }
        return seen;
    }

    private static List<String> references(JsonNode node) {
        List<String> refs = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(node));
        while (!pending.isEmpty()) {
            JsonNode current = pending.removeFirst();
            JsonNode ref = current.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
            for (Iterator<JsonNode> children = current.elements(); children.hasNext(); ) {
                pending.add(children.next());
            }
        }
        return refs;
    }

    private static JsonNode readTree(Path file) {
        try {
            return Yaml.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
