package org.ecogov.registry.service;

import org.ecogov.registry.domain.Enterprise;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

/**
 * Who may see and change which enterprise (DESIGN §4). Roles are checked on the resources; this
 * adds the data scope: officers, leads and inspectors work inside their jurisdiction, an
 * enterprise reporter sees only the enterprise named in the token. Out of scope is reported as
 * "not found" so that existence does not leak.
 * <p>
 * Third parties (an organisation's API key, through the gateway) are held to their key's scopes
 * here, in the service, whatever the gateway let through: with {@code registry:read} or
 * {@code disclosure:read} they read the registry, everywhere (registry records are public
 * information); they change nothing and read neither versions nor the audit log. A refusal is 403
 * {@code insufficient-scope} naming the scope that would be needed. They pass the role check of
 * every operation so that this is what they are told, rather than a bare {@code forbidden}.
 */
public final class RegistryScope {

    /** Changing the registry: no API key can be granted it. */
    public static final String WRITE = "registry:write";
    /** An enterprise's earlier versions, with who changed what: no API key can be granted it. */
    public static final String HISTORY = "registry:history";
    /** The registry's audit log: no API key can be granted it. */
    public static final String AUDIT = "registry:audit";

    private RegistryScope() {
    }

    /** Every read of the registry (enterprises, outlets, permits, agencies, the tree, the matrix, pollutants). */
    public static void requireRead(Caller caller) {
        if (caller.isThirdParty() && !thirdPartyMayRead(caller)) {
            throw Scopes.insufficient("Reading the registry", Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ);
        }
    }

    /** Every change of the registry; the rules of the change decide the rest. */
    public static void requireWrite(Caller caller) {
        if (caller.isThirdParty()) {
            throw Scopes.insufficient("Changing the registry", WRITE);
        }
    }

    /** Reading an enterprise's versions; the data scope decides the rest. */
    public static void requireHistory(Caller caller) {
        if (caller.isThirdParty()) {
            throw Scopes.insufficient("Reading an enterprise's versions", HISTORY);
        }
    }

    /** Reading or verifying the audit log (platform-admin by role). */
    public static void requireAudit(Caller caller) {
        if (caller.isThirdParty()) {
            throw Scopes.insufficient("Reading the audit log", AUDIT);
        }
    }

    private static boolean thirdPartyMayRead(Caller caller) {
        return caller.hasScope(Scopes.REGISTRY_READ) || caller.hasScope(Scopes.DISCLOSURE_READ);
    }

    public static boolean canRead(Caller caller, Enterprise enterprise) {
        if (caller.isPlatformAdmin()) {
            return true;
        }
        if (caller.isThirdParty()) {
            return thirdPartyMayRead(caller);
        }
        if (caller.hasAnyRole(Roles.ENTERPRISE_REPORTER) && caller.isOwnEnterprise(enterprise.uscc)) {
            return true;
        }
        return caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR)
                && caller.canSee(enterprise.divisionCode);
    }

    public static boolean canWriteAt(Caller caller, String divisionCode) {
        return caller.isPlatformAdmin()
                || (caller.hasAnyRole(Roles.AGENCY_OFFICER) && caller.canSee(divisionCode));
    }

    public static Enterprise requireReadable(Caller caller, Enterprise enterprise, String uscc) {
        if (enterprise == null || !canRead(caller, enterprise)) {
            throw notFound(uscc);
        }
        return enterprise;
    }

    public static Enterprise requireWritable(Caller caller, Enterprise enterprise, String uscc) {
        if (enterprise == null || !canRead(caller, enterprise) || !canWriteAt(caller, enterprise.divisionCode)) {
            throw notFound(uscc);
        }
        return enterprise;
    }

    /** A write that would place an enterprise outside the caller's jurisdiction. */
    public static void requireWritableDivision(Caller caller, String divisionCode, String field) {
        if (!canWriteAt(caller, divisionCode)) {
            throw ProblemException.field(ProblemType.OUTSIDE_JURISDICTION, field,
                    "division " + divisionCode + " is outside your jurisdiction");
        }
    }

    /** The division-code prefix a list is limited to, "" for everything, or null for nothing. */
    public static String listPrefix(Caller caller) {
        if (caller.isPlatformAdmin() || (caller.isThirdParty() && thirdPartyMayRead(caller))) {
            return "";
        }
        if (caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR) && caller.jurisdiction() != null) {
            return DivisionCode.scopePrefix(caller.jurisdiction());
        }
        return null;
    }

    public static ProblemException notFound(String uscc) {
        return ProblemException.of(ProblemType.ENTERPRISE_NOT_FOUND, "no enterprise " + uscc + " in your scope");
    }
}
