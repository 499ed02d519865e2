package org.ecogov.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the ecogov repository root: the system property {@code ecogov.root} (the root pom passes
 * it to surefire), else the nearest directory holding {@code api-specs/} above the working
 * directory, else above this jar (so the launcher works from any working directory).
 */
public final class RepositoryRoot {

    public static final String PROPERTY = "ecogov.root";

    private RepositoryRoot() {
    }

    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + configured + " is not a directory");
            }
            return root;
        }
        return above(Path.of("").toAbsolutePath())
                .or(() -> codeLocation().flatMap(RepositoryRoot::above))
                .orElseThrow(() -> new IllegalStateException("cannot find the ecogov repository root"
                        + " (a directory with api-specs/) above " + Path.of("").toAbsolutePath()
                        + "; run from inside the repository or pass -D" + PROPERTY + "=<path>"));
    }

    private static Optional<Path> above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("api-specs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = RepositoryRoot.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
