package org.ecogov.enforcement.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRule.KeyScope;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

import java.util.List;
import java.util.Set;

/**
 * Who may call what in the enforcement service (DESIGN §4, issue 12), declared once: each operation's implementing
 * method names one of these rules ({@code @Access}), the runtime enforces its roles and key scopes, and the services
 * apply the data scope when they load the data: an inspector only the inspections they are assigned to, officials
 * what lies in their jurisdiction, a platform-admin everything; outside is 404.
 * <p>
 * Third parties (API keys through the gateway) reach only the disclosure of issued decisions, with
 * {@code enforcement:read} or {@code disclosure:read}: inspections and cases are the agencies' working records, and
 * their refusal names a scope no key can be granted.
 */
public class EnforcementAccess {

    public static final String READ_INSPECTIONS = "enforcement.read-inspections";
    public static final String ASSIGN_INSPECTIONS = "enforcement.assign-inspections";
    public static final String RECORD_INSPECTIONS = "enforcement.record-inspections";
    public static final String READ_CHANGES = "enforcement.read-inspection-changes";
    public static final String READ_CASES = "enforcement.read-cases";
    public static final String CHANGE_CASES = "enforcement.change-cases";
    public static final String READ_DECISIONS = "enforcement.read-decisions";
    public static final String APPROVE_DECISIONS = "enforcement.approve-decisions";
    public static final String READ_DISCLOSURE = "enforcement.read-disclosure";
    public static final String READ_AUDIT = "enforcement.read-audit";
    public static final String READ_PLANS = "enforcement.read-plans";
    public static final String MANAGE_PLANS = "enforcement.manage-plans";
    public static final String READ_PUBLISHED_DRAWS = "enforcement.read-published-draws";

    /** Inspections, which are the agencies' working records: no API key can be granted them. */
    public static final String INSPECTIONS_SCOPE = "enforcement:inspections";
    /** Cases and decisions as the agencies work on them: no API key can be granted it (the disclosure view will be). */
    public static final String CASES_SCOPE = "enforcement:cases";
    /** Random inspection plans as their owners work on them: no API key can be granted it (the published draw is open). */
    public static final String PLANS_SCOPE = "enforcement:plans";
    /** The enforcement service's audit log: no API key can be granted it. */
    public static final String AUDIT_SCOPE = "enforcement:audit";

    /** Who reads inspections (an inspector only those they are assigned to, officials within jurisdiction). */
    public static final Set<String> INSPECTION_READERS = Roles.union(Set.of(Roles.PLATFORM_ADMIN), Roles.JURISDICTIONAL);
    /** Who assigns inspections: officers and leads within their jurisdiction, and platform-admins. */
    public static final Set<String> INSPECTION_ASSIGNERS = Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD);
    /** Who records what was done on site: the assigned inspectors, and the officials who may assign. */
    public static final Set<String> INSPECTION_RECORDERS = Roles.union(INSPECTION_ASSIGNERS, Set.of(Roles.INSPECTOR));
    /** Whose assignments have a changes feed. */
    public static final Set<String> INSPECTORS = Set.of(Roles.INSPECTOR);
    public static final Set<String> PLATFORM_ADMINS = Set.of(Roles.PLATFORM_ADMIN);
    /** Who reads cases: officers and leads within their jurisdiction, platform-admins. */
    public static final Set<String> CASE_READERS = Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD);
    /** Who opens and closes cases, proposes, issues and concludes decisions: officers within jurisdiction. */
    public static final Set<String> CASE_CHANGERS = Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER);
    /** Who reads a decision: case readers, and an enterprise reporter their own enterprise's issued decisions. */
    public static final Set<String> DECISION_READERS = Roles.union(CASE_READERS, Set.of(Roles.ENTERPRISE_REPORTER));
    /** Who approves a decision before it is issued: agency leads within their jurisdiction, nobody else. */
    public static final Set<String> DECISION_APPROVERS = Set.of(Roles.AGENCY_LEAD);
    /** Who reads random plans: officials within the plan's jurisdiction (its owners see the hidden assignments). */
    public static final Set<String> PLAN_READERS = CASE_READERS;
    /** Who defines, draws and closes random plans: agency leads (drawing and closing: of the owning agency). */
    public static final Set<String> PLAN_MANAGERS = Set.of(Roles.AGENCY_LEAD);

    private static final KeyScope INSPECTIONS = KeyScope.never("Reading or changing inspections", INSPECTIONS_SCOPE);
    private static final KeyScope CASES = KeyScope.never("Reading or changing cases and decisions", CASES_SCOPE);
    private static final KeyScope PLANS = KeyScope.never("Reading or changing random inspection plans", PLANS_SCOPE);

    public static final List<AccessRule> RULES = List.of(
            AccessRule.of(READ_INSPECTIONS, INSPECTION_READERS, INSPECTIONS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(ASSIGN_INSPECTIONS, INSPECTION_ASSIGNERS, INSPECTIONS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(RECORD_INSPECTIONS, INSPECTION_RECORDERS, INSPECTIONS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_CHANGES, INSPECTORS, INSPECTIONS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_CASES, CASE_READERS, CASES, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(CHANGE_CASES, CASE_CHANGERS, CASES, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_DECISIONS, DECISION_READERS, CASES, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(APPROVE_DECISIONS, DECISION_APPROVERS, CASES, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            // the disclosure of issued decisions: public information, for anyone signed in and keys that read it
            AccessRule.of(READ_DISCLOSURE, Set.of(), KeyScope.anyOf("Reading the disclosed decisions",
                    Scopes.ENFORCEMENT_READ, Scopes.DISCLOSURE_READ), DataScope.Kind.SHARED),
            AccessRule.of(READ_PLANS, PLAN_READERS, PLANS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(MANAGE_PLANS, PLAN_MANAGERS, PLANS, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            // the published draw: public, so that anyone can re-run it
            AccessRule.of(READ_PUBLISHED_DRAWS, Set.of(), KeyScope.anyOf("Reading the published draws",
                    Scopes.ENFORCEMENT_READ, Scopes.DISCLOSURE_READ), DataScope.Kind.SHARED),
            AccessRule.of(READ_AUDIT, PLATFORM_ADMINS, KeyScope.never("Reading the audit log", AUDIT_SCOPE),
                    DataScope.Kind.PLATFORM),
            // the checkpoints of other parties' audit chains this service witnesses (services/runtime)
            AuditWitness.ACCESS_RULE);

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(RULES);
    }

    /** No key scope opens the inspections everywhere; no other service reads them yet. */
    @Produces
    @Singleton
    DataScope dataScope() {
        return new DataScope(Set.of());
    }
}
