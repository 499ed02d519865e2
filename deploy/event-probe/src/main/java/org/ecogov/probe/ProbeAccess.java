package org.ecogov.probe;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.events.DeadLetters;

/** Who may call what in the probe: only the dead-letter operations, under the runtime's rule for them. */
public class ProbeAccess {

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(List.of(DeadLetters.ACCESS_RULE));
    }
}
