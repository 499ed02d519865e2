package org.ecogov.registry.config;

import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Scopes;

/**
 * How much of a registry record a caller is shown, decided here for every answer of the registry (the rest/ mappers
 * apply it), whoever calls and whatever the gateway does on top (DESIGN §4):
 * <ul>
 * <li>{@link #FULL}: platform-admins, officers, leads, inspectors and the platform's own services
 * ({@link RegistryAccess#SEE_OFFICIALS}) see every field, the usernames of the officials who made each change
 * included;</li>
 * <li>{@link #WITHOUT_OFFICIALS}: enterprise reporters and API keys with {@code registry:read} see every field but the
 * officials' usernames ({@code audit.createdBy}, {@code audit.updatedBy}, a version's {@code changedBy}, a matrix
 * entry's {@code assignedBy}): who in an agency acted is the agencies' business;</li>
 * <li>{@link #DISCLOSED}: the public, API keys with {@code disclosure:read} but not {@code registry:read}, and any other
 * caller see what the platform discloses, the same fields as the gateway's disclosed enterprise profile: no audit
 * fields, usernames or reasons, no legal representative, and of an outlet only its code and kind.</li>
 * </ul>
 */
public enum RecordView {

    FULL,
    WITHOUT_OFFICIALS,
    DISCLOSED;

    public static RecordView of(Caller caller) {
        if (caller.isThirdParty()) {
            // a key is judged by its scopes alone
            return caller.hasScope(Scopes.REGISTRY_READ) ? WITHOUT_OFFICIALS : DISCLOSED;
        }
        if (RegistryAccess.SEE_OFFICIALS.stream().anyMatch(caller.roles()::contains)) {
            return FULL;
        }
        if (RegistryAccess.SEE_UNDISCLOSED.stream().anyMatch(caller.roles()::contains)) {
            return WITHOUT_OFFICIALS;
        }
        return DISCLOSED;
    }

    /** Whether officials' usernames are shown. */
    public boolean namesOfficials() {
        return this == FULL;
    }

    /** Whether only the disclosed fields are shown. */
    public boolean disclosedOnly() {
        return this == DISCLOSED;
    }
}
