package org.ecogov.specs;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bundles a service spec into one self-contained document: references into common/ become local
 * components, nothing else changes (no generated examples, no renaming). The services serve the
 * bundle as their /q/openapi; the gateway combines them.
 *
 * <p>Usage: {@code Bundler <specs dir> <output dir> <service>...} writes
 * {@code <output dir>/<service>/META-INF/openapi.yaml} for each {@code <specs dir>/<service>.yaml}.
 */
public final class Bundler {

    private Bundler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Bundler <specs dir> <output dir> <service>...");
        }
        Path specs = Path.of(args[0]);
        Path output = Path.of(args[1]);
        for (int i = 2; i < args.length; i++) {
            String service = args[i];
            OpenAPI bundled = bundle(specs.resolve(service + ".yaml"));
            Path target = output.resolve(service).resolve("META-INF").resolve("openapi.yaml");
            Files.createDirectories(target.getParent());
            Files.writeString(target, Yaml.pretty(bundled));
        }
    }

    static OpenAPI bundle(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException(spec + " does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
