package org.ecogov.probe;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.events.DeadLetters;
import org.ecogov.runtime.security.Roles;

/**
 * Who may call what in the probe: the dead-letter operations under the runtime's rule for them, and the registry
 * read with the probe's own identity, which only a platform-admin may ask for.
 */
public class ProbeAccess {

    public static final String REGISTRY_READS = "probe.registry-reads";

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(List.of(DeadLetters.ACCESS_RULE,
                AccessRule.of(REGISTRY_READS, Set.of(Roles.PLATFORM_ADMIN),
                        AccessRule.KeyScope.never("Reading the registry as the probe", "probe:registry-reads"),
                        DataScope.Kind.PLATFORM)));
    }
}
