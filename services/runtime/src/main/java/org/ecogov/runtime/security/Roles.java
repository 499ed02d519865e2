package org.ecogov.runtime.security;

import java.util.Set;

/** The platform's realm roles, as Keycloak puts them in {@code realm_access.roles}. */
public final class Roles {

    /** Runs the platform: sees and changes everything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Works for an agency, inside that agency's jurisdiction. */
    public static final String AGENCY_OFFICER = "agency-officer";
    /** An agency's head: what an officer may, plus decisions and sign-offs. */
    public static final String AGENCY_LEAD = "agency-lead";
    /** Inspects sites in the field, inside the agency's jurisdiction. */
    public static final String INSPECTOR = "inspector";
    /** Reports for one enterprise, named by the token's {@code uscc} claim. */
    public static final String ENTERPRISE_REPORTER = "enterprise-reporter";
    /** A member of the public: files complaints, reads what is disclosed. */
    public static final String PUBLIC = "public";

    /** Roles whose reach is the caller's jurisdiction. */
    public static final Set<String> JURISDICTIONAL = Set.of(AGENCY_OFFICER, AGENCY_LEAD, INSPECTOR);

    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, AGENCY_OFFICER, AGENCY_LEAD, INSPECTOR,
            ENTERPRISE_REPORTER, PUBLIC);

    private Roles() {
    }
}
