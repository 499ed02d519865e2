package org.ecogov.runtime.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

/**
 * One access rule of a service: which callers may call the operations that name it ({@link Access}).
 *
 * @param name how {@link Access} names it
 * @param roles the realm roles that may call (a named set of {@link Roles}); empty: every signed-in caller
 * @param keys what a third party's API key needs (a third party is held to its key's scopes, never to a role)
 * @param data the data scope the service applies to what the operation reaches
 * @param enforcedBy null when {@link AccessFilter} enforces the rule; otherwise where it is enforced instead (the
 *        gateway's door authenticates API keys, which are no tokens), so the declaration stays true
 */
public record AccessRule(String name, Set<String> roles, KeyScope keys, DataScope.Kind data, String enforcedBy) {

    public AccessRule {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(data, "data");
    }

    /** A rule {@link AccessFilter} enforces. */
    public static AccessRule of(String name, Set<String> roles, KeyScope keys, DataScope.Kind data) {
        return new AccessRule(name, roles, keys, data, null);
    }

    /** A rule enforced elsewhere than by {@link AccessFilter}, saying where. */
    public static AccessRule enforcedBy(String where, String name, Set<String> roles, KeyScope keys, DataScope.Kind data) {
        return new AccessRule(name, roles, keys, data, Objects.requireNonNull(where, "where"));
    }

    /**
     * What an API key needs for an operation: any one of {@code scopes}. Refused, the third party is told
     * "{@code action} needs the scope {@code scopes[0]} (or ...)"; a scope no key can be granted says so.
     *
     * @param action what is refused, as the start of a sentence ("Reading the registry")
     * @param scopes the scopes that would allow it, the first named first
     */
    public record KeyScope(String action, List<String> scopes) {

        public KeyScope {
            Objects.requireNonNull(action, "action");
            scopes = List.copyOf(scopes);
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException("name the scope a key would need, even one no key can be granted");
            }
        }

        public static KeyScope anyOf(String action, String scope, String... alternatives) {
            List<String> all = new java.util.ArrayList<>();
            all.add(scope);
            all.addAll(List.of(alternatives));
            return new KeyScope(action, all);
        }

        /** No API key can be granted this ({@code scope} is not in {@link Scopes#GRANTABLE}). */
        public static KeyScope never(String action, String scope) {
            if (Scopes.GRANTABLE.contains(scope)) {
                throw new IllegalArgumentException(scope + " can be granted to a key");
            }
            return new KeyScope(action, List.of(scope));
        }

        boolean allows(Caller caller) {
            return scopes.stream().anyMatch(caller::hasScope);
        }
    }

    /**
     * Checks the caller against the rule's roles and key scopes: 403 {@code insufficient-scope} for a third party
     * whose key lacks every scope, 403 {@code forbidden} for a role that is not in the rule.
     */
    public void check(Caller caller) {
        if (caller.isThirdParty()) {
            if (!keys.allows(caller)) {
                List<String> scopes = keys.scopes();
                throw Scopes.insufficient(keys.action(), scopes.get(0),
                        scopes.subList(1, scopes.size()).toArray(String[]::new));
            }
            return;
        }
        if (!roles.isEmpty() && roles.stream().noneMatch(caller.roles()::contains)) {
            throw new io.quarkus.security.ForbiddenException();
        }
    }
}
