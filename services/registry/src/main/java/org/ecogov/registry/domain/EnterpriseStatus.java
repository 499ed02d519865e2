package org.ecogov.registry.domain;

import java.util.EnumSet;
import java.util.Set;

/** Operating status of an enterprise and the transitions the registry allows between them. */
public enum EnterpriseStatus {
    OPERATING("operating"),
    SUSPENDED("suspended"),
    CLOSED("closed");

    private final String value;

    EnterpriseStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static EnterpriseStatus of(String value) {
        for (EnterpriseStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown enterprise status " + value);
    }

    /** Closed is final: a closed enterprise that reopens is registered anew under its new licence. */
    public Set<EnterpriseStatus> successors() {
        return switch (this) {
            case OPERATING -> EnumSet.of(SUSPENDED, CLOSED);
            case SUSPENDED -> EnumSet.of(OPERATING, CLOSED);
            case CLOSED -> EnumSet.noneOf(EnterpriseStatus.class);
        };
    }

    public boolean canBecome(EnterpriseStatus next) {
        return successors().contains(next);
    }
}
