package org.ecogov.runtime.problem;

/**
 * A kind of failure the platform answers with problem+json: its slug ({@code type} is {@code /problems/<slug>}),
 * HTTP status and title. The runtime's generic kinds are {@link ProblemType}; each service declares its own in an
 * enum of its own (the registry's {@code RegistryProblem}), listed in its spec's
 * {@code info.x-ecogov-problem-types} (tests tie the two together).
 */
public interface ProblemKind {

    String slug();

    int status();

    String title();

    /** The problem's {@code type} member, e.g. {@code /problems/stale-version}. */
    default String uri() {
        return ProblemType.URI_PREFIX + slug();
    }
}
