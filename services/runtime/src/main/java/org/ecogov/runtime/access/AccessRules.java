package org.ecogov.runtime.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A service's access rules, by name: the service produces one bean of it (e.g. the registry's
 * {@code RegistryAccess}), and {@link Access} names its rules.
 */
public class AccessRules {

    private final Map<String, AccessRule> rules = new LinkedHashMap<>();

    public AccessRules(Collection<AccessRule> rules) {
        for (AccessRule rule : rules) {
            if (this.rules.put(rule.name(), rule) != null) {
                throw new IllegalArgumentException("two access rules named " + rule.name());
            }
        }
    }

    public Optional<AccessRule> find(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    public Collection<AccessRule> all() {
        return rules.values();
    }
}
