package org.ecogov.testing;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.nio.file.Path;

/** The contract as the tests read it: a spec of api-specs/ with every reference resolved. */
public final class Contracts {

    private Contracts() {
    }

    /** The repository root (the parent pom passes it to surefire). */
    public static Path root() {
        String root = System.getProperty("ecogov.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    }

    /** api-specs/&lt;file&gt; (e.g. registry.yaml), its references into common/ and within itself resolved. */
    public static OpenAPI spec(String file) {
        return checked(new OpenAPIV3Parser().readLocation(root().resolve("api-specs").resolve(file).toUri().toString(),
                null, fullyResolved()));
    }

    /**
     * A spec kept elsewhere in the repository (e.g. deploy/event-probe/event-probe.yaml, a test app's own), given
     * relative to the root, resolved the same way.
     */
    public static OpenAPI specAt(String pathFromRoot) {
        return checked(new OpenAPIV3Parser().readLocation(root().resolve(pathFromRoot).toUri().toString(),
                null, fullyResolved()));
    }

    /** A document given as text (e.g. the served /q/openapi), resolved the same way. */
    public static OpenAPI parse(String document) {
        return checked(new OpenAPIV3Parser().readContents(document, null, fullyResolved()));
    }

    private static ParseOptions fullyResolved() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return options;
    }

    private static OpenAPI checked(SwaggerParseResult result) {
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("the contract does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
