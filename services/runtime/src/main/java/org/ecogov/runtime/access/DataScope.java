package org.ecogov.runtime.access;

import java.util.Set;

import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;

/**
 * What data a caller reaches (DESIGN §4), the same words for every service: a platform-admin everything; an
 * official (officer, lead, inspector) what lies in their jurisdiction (division-code prefix); an enterprise
 * reporter their own enterprise (the {@code uscc} claim); a third party what its key's scopes open, which the
 * service decides ({@link #DataScope(Set)}: scopes that open the service's records everywhere). Anything outside
 * is answered as missing (404), so existence does not leak.
 * <p>
 * A service produces its own instance with its scope rules; its services ask it while loading the data.
 */
public class DataScope {

    /** Which data scope an operation's data is under (declared in each {@link AccessRule}). */
    public enum Kind {
        /** Records that belong to a place or an enterprise: jurisdiction, own enterprise, key scopes. */
        JURISDICTION_OR_OWN_ENTERPRISE,
        /** Shared reference data any caller the rule admits may read (agencies, the tree, pollutants). */
        SHARED,
        /** The service's own bookkeeping (its audit log), for platform-admins only. */
        PLATFORM
    }

    private final Set<String> keyScopesSeeingEverything;
    private final Set<String> rolesSeeingEverything;

    /** @param keyScopesSeeingEverything the key scopes that open every record of the service, wherever it lies */
    public DataScope(Set<String> keyScopesSeeingEverything) {
        this(keyScopesSeeingEverything, Set.of());
    }

    /**
     * @param keyScopesSeeingEverything the key scopes that open every record of the service, wherever it lies
     * @param rolesSeeingEverything roles that read every record wherever it lies (another service's own identity,
     *     e.g. {@link Roles#REGISTRY_READER}); what they may change is decided by the rules, not here
     */
    public DataScope(Set<String> keyScopesSeeingEverything, Set<String> rolesSeeingEverything) {
        this.keyScopesSeeingEverything = Set.copyOf(keyScopesSeeingEverything);
        this.rolesSeeingEverything = Set.copyOf(rolesSeeingEverything);
    }

    /** Whether the caller sees a record of this division (or, for a reporter, of this enterprise). */
    public boolean canSee(Caller caller, String divisionCode, String enterpriseUscc) {
        if (caller.isPlatformAdmin() || keySeesEverything(caller) || roleSeesEverything(caller)) {
            return true;
        }
        if (caller.isOwnEnterprise(enterpriseUscc)) {
            return true;
        }
        return caller.canSee(divisionCode);
    }

    /** Whether the caller may change what lies in this division: platform-admin, or an officer inside it. */
    public boolean canChangeAt(Caller caller, String divisionCode) {
        return caller.isPlatformAdmin() || caller.hasAnyRole(Roles.AGENCY_OFFICER) && caller.canSee(divisionCode);
    }

    /**
     * How a list is limited: {@code Everywhere} (""), to a division-code prefix, to one enterprise (a reporter's),
     * or {@code nothing} (null prefix and null USCC).
     */
    public record ListScope(String divisionPrefix, String onlyUscc) {

        public boolean nothing() {
            return divisionPrefix == null && onlyUscc == null;
        }
    }

    public ListScope listScope(Caller caller) {
        if (caller.isPlatformAdmin() || keySeesEverything(caller) || roleSeesEverything(caller)) {
            return new ListScope("", null);
        }
        if (Roles.JURISDICTIONAL.stream().anyMatch(caller.roles()::contains) && caller.jurisdiction() != null
                && !caller.jurisdiction().isBlank()) {
            return new ListScope(DivisionCode.scopePrefix(caller.jurisdiction()), null);
        }
        if (caller.hasAnyRole(Roles.ENTERPRISE_REPORTER) && caller.uscc() != null) {
            return new ListScope(null, caller.uscc());
        }
        return new ListScope(null, null);
    }

    private boolean keySeesEverything(Caller caller) {
        return caller.isThirdParty() && keyScopesSeeingEverything.stream().anyMatch(caller::hasScope);
    }

    private boolean roleSeesEverything(Caller caller) {
        return rolesSeeingEverything.stream().anyMatch(caller.roles()::contains);
    }
}
