package org.ecogov.runtime.security;

import io.smallrye.mutiny.Uni;

/**
 * On whose behalf a call to another service is made: the {@code Authorization} it carries. A call made for a
 * person (or a third party's key) carries that caller's own token, {@link #bearer(String)}, so the service called
 * applies its rules to that caller; a call a service makes for itself (a background refresh, a scheduler) carries
 * the service's own token, {@link ServiceIdentity}. The callee cannot tell the two apart by anything but the
 * token's roles and claims: its access rules are the same either way.
 */
@FunctionalInterface
public interface Credential {

    /** The value of the {@code Authorization} header, e.g. {@code Bearer eyJ...}. */
    Uni<String> authorization();

    /** A token the caller presented (a realm token as it came, or the gateway's token for a key). */
    static Credential bearer(String token) {
        Uni<String> header = Uni.createFrom().item("Bearer " + token);
        return () -> header;
    }
}
