package org.ecogov.local;

import java.nio.file.Path;

final class TestPaths {

    private TestPaths() {
    }

    /** This module's target/ (surefire sets basedir to the module directory). */
    static Path target() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");
    }
}
