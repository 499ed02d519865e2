package org.ecogov.runtime.security;

import java.util.Set;

/**
 * The roles the services check. All but {@link #THIRD_PARTY} are the platform's realm roles, as Keycloak puts
 * them in {@code realm_access.roles}.
 */
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
    /**
     * A platform service reading the whole registry for its own work (emissions keeping the limits in force,
     * complaints routing by the responsibility matrix, enforcement drawing inspection targets); it changes nothing
     * and reads neither versions nor the audit log. Held only by the services' own Keycloak clients (their
     * service accounts), never by a person.
     */
    public static final String REGISTRY_READER = "registry-reader";
    /**
     * An outside organisation acting through an API key; its reach is given by the key's scopes
     * ({@link Caller#scopes()}), not by the role. Only tokens the gateway signs carry it (see
     * {@link IssuerRoleCheck}): it is not a realm role, so it is not in {@link #ALL}.
     */
    public static final String THIRD_PARTY = "third-party";

    /** Roles whose reach is the caller's jurisdiction. */
    public static final Set<String> JURISDICTIONAL = Set.of(AGENCY_OFFICER, AGENCY_LEAD, INSPECTOR);

    /**
     * The realm roles: exactly those of deploy/keycloak/ecogov-realm.json (deploy/local's RealmFileTest checks
     * the file's list). {@link #THIRD_PARTY} is left out on purpose: Keycloak never issues it.
     */
    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, AGENCY_OFFICER, AGENCY_LEAD, INSPECTOR,
            ENTERPRISE_REPORTER, PUBLIC, REGISTRY_READER);

    private Roles() {
    }

    /** A named role set made of others, e.g. {@code union(Set.of(PLATFORM_ADMIN), JURISDICTIONAL)}. */
    @SafeVarargs
    public static Set<String> union(Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
