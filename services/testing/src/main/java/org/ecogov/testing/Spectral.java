package org.ecogov.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spectral as api-specs' build runs it (its package.json pins the version; Node.js and npm come with the build
 * machine), for a test that lints a document it has in hand, such as the one a server serves.
 */
public final class Spectral {

    /** One finding; severity 0 is an error, 1 a warning (Spectral's numbering). */
    public record Finding(String code, int severity, String path, String message) {

        public boolean isError() {
            return severity == 0;
        }

        @Override
        public String toString() {
            return code + " at " + path + ": " + message;
        }
    }

    private Spectral() {
    }

    /**
     * Every finding of {@code ruleset} (a file of api-specs/, e.g. {@code .spectral-combined.yaml}) on
     * {@code document}. Installs api-specs' npm packages first when they are not there yet, as its build does.
     */
    public static List<Finding> lint(Path document, String ruleset) throws IOException, InterruptedException {
        Path specs = Contracts.root().resolve("api-specs");
        Path cli = specs.resolve("node_modules/.bin/spectral");
        if (!Files.isExecutable(cli)) {
            run(specs, List.of("npm", "install", "--no-audit", "--no-fund", "--prefer-offline"), specs.resolve("target/npm-install.log"));
        }
        Path output = Files.createTempFile("spectral", ".json");
        try {
            // exit status 1 means "findings", which the caller judges; anything else is a failure to lint
            int status = run(specs, List.of(cli.toString(), "lint", "--ruleset", specs.resolve(ruleset).toString(),
                    "--format", "json", "--quiet", document.toAbsolutePath().toString()), output);
            if (status > 1) {
                throw new IllegalStateException("spectral failed (" + status + "): " + Files.readString(output));
            }
            List<Finding> findings = new ArrayList<>();
            for (JsonNode finding : new ObjectMapper().readTree(Files.readString(output, StandardCharsets.UTF_8))) {
                List<String> path = new ArrayList<>();
                finding.path("path").forEach(segment -> path.add(segment.asText()));
                findings.add(new Finding(finding.path("code").asText(), finding.path("severity").asInt(),
                        String.join(".", path), finding.path("message").asText()));
            }
            return findings;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int run(Path directory, List<String> command, Path output) throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(false)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 5 minutes");
        }
        return process.exitValue();
    }
}
