package org.ecogov.registry.service;

import org.ecogov.registry.domain.Enterprise;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;

/**
 * Who may see and change which enterprise (DESIGN §4). Roles are checked on the resources; this
 * adds the data scope: officers, leads and inspectors work inside their jurisdiction, an
 * enterprise reporter sees only the enterprise named in the token. Out of scope is reported as
 * "not found" so that existence does not leak.
 */
public final class RegistryScope {

    private RegistryScope() {
    }

    public static boolean canRead(Caller caller, Enterprise enterprise) {
        if (caller.isPlatformAdmin()) {
            return true;
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
        if (caller.isPlatformAdmin()) {
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
