package org.ecogov.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The local stack's configuration: {@code ecogov-local.properties} on the classpath, each key
 * overridable by a system property of the same name. The one place for ports, paths and the
 * local secrets; code asks for keys, never for literals.
 */
public final class LocalConfig {

    public static final String RESOURCE = "ecogov-local.properties";

    private final Properties values;
    private final Path repositoryRoot;

    private LocalConfig(Properties values, Path repositoryRoot) {
        this.values = values;
        this.repositoryRoot = repositoryRoot;
    }

    /** The packaged defaults with system-property overrides, relative paths against {@link RepositoryRoot}. */
    public static LocalConfig load() {
        return load(RepositoryRoot.locate());
    }

    public static LocalConfig load(Path repositoryRoot) {
        Properties values = new Properties();
        try (InputStream in = LocalConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new LocalConfig(values, repositoryRoot);
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    public String get(String key) {
        String value = System.getProperty(key, values.getProperty(key));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("configuration key " + key + " has no value (" + RESOURCE + ")");
        }
        return value.trim();
    }

    public int port(String key) {
        try {
            int port = Integer.parseInt(get(key));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException("out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + "=" + get(key) + " is not a port number", e);
        }
    }

    /** An ISO-8601 duration such as {@code PT2M}. */
    public Duration duration(String key) {
        try {
            return Duration.parse(get(key));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(key + "=" + get(key) + " is not an ISO-8601 duration like PT2M", e);
        }
    }

    /** A comma- or whitespace-separated list. */
    public List<String> list(String key) {
        return Arrays.stream(get(key).split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** A path; a relative one is resolved against the repository root. */
    public Path path(String key) {
        return repositoryRoot.resolve(get(key)).normalize();
    }

    /** The local secret of a confidential client, key {@code ecogov.clients.<clientId>.secret}. */
    public String clientSecret(String clientId) {
        return get("ecogov.clients." + clientId + ".secret");
    }
}
