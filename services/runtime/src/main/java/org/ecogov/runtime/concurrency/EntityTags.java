package org.ecogov.runtime.concurrency;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;

/**
 * Optimistic concurrency over HTTP: a resource's {@code ETag} is its version, and an update must send it
 * back in {@code If-Match}. A missing {@code If-Match} is 428, a stale one 412.
 */
public final class EntityTags {

    public static final String IF_MATCH = "If-Match";

    /**
     * A strong tag holding just the version; a weak one ({@code W/"7"}) is accepted back as well, because
     * compressing proxies weaken tags they pass on.
     */
    private static final Pattern VERSION_TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private EntityTags() {
    }

    /** The {@code ETag} of a resource at this version: {@code "7"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header names.
     *
     * @throws ProblemException precondition-required (428) if the header is missing or blank, validation-failed
     *         (400) if it is not a single version tag such as {@code "7"} or {@code W/"7"}
     */
    public static long requireVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.field(ProblemType.PRECONDITION_REQUIRED, IF_MATCH,
                    "is required: send the ETag of the version you read");
        }
        Matcher matcher = VERSION_TAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, IF_MATCH,
                    "must be the ETag of the version you read, e.g. \"7\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Checks that {@code If-Match} names the current version.
     *
     * @return the version it names
     * @throws ProblemException as {@link #requireVersion(String)}, or stale-version (412) if it names another
     *         version than {@code currentVersion}
     */
    public static long checkCurrent(String ifMatch, long currentVersion) {
        long version = requireVersion(ifMatch);
        if (version != currentVersion) {
            throw ProblemException.of(ProblemType.STALE_VERSION, "The resource is at version " + currentVersion
                    + ", not " + version + "; read it again and reapply the change.");
        }
        return version;
    }
}
