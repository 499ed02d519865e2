package org.ecogov.runtime.security;

import java.util.Set;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;

/**
 * What an API key may be granted: the {@code ApiKeyScope} values of api-specs/gateway.yaml. The gateway puts a
 * key's scopes, space-separated, in the {@code scope} claim of the token it signs; {@link Caller#scopes()}
 * holds them. A service may name further scopes for operations no key can be granted (the registry's
 * {@code registry:write}), so that a refusal still says what would be needed.
 */
public final class Scopes {

    /** Reads the registry: enterprises, outlets, permits, agencies, reference lists. */
    public static final String REGISTRY_READ = "registry:read";
    public static final String EMISSIONS_READ = "emissions:read";
    public static final String EMISSIONS_WRITE = "emissions:write";
    public static final String COMPLAINTS_READ = "complaints:read";
    public static final String COMPLAINTS_WRITE = "complaints:write";
    public static final String ENFORCEMENT_READ = "enforcement:read";
    /** Reads only what the platform discloses to the public. */
    public static final String DISCLOSURE_READ = "disclosure:read";

    /** Every scope a key can be granted. */
    public static final Set<String> GRANTABLE = Set.of(REGISTRY_READ, EMISSIONS_READ, EMISSIONS_WRITE,
            COMPLAINTS_READ, COMPLAINTS_WRITE, ENFORCEMENT_READ, DISCLOSURE_READ);

    private Scopes() {
    }

    /**
     * The refusal of a third party whose key lacks a scope: 403 {@code insufficient-scope}, the detail naming
     * the scope, e.g. "Reading the registry needs the scope registry:read (or disclosure:read)."
     *
     * @param action what was refused, as the start of a sentence ("Reading the registry")
     * @param needed the scope that would allow it
     * @param alternatives other scopes that would allow it too
     */
    public static ProblemException insufficient(String action, String needed, String... alternatives) {
        StringBuilder detail = new StringBuilder(action).append(" needs the scope ").append(needed);
        if (alternatives.length > 0) {
            detail.append(" (or ").append(String.join(" or ", alternatives)).append(')');
        }
        if (!GRANTABLE.contains(needed)) {
            detail.append(", which no API key can be granted");
        }
        return ProblemException.of(ProblemType.INSUFFICIENT_SCOPE, detail.append('.').toString());
    }
}
