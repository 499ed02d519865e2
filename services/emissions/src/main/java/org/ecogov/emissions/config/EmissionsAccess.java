package org.ecogov.emissions.config;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRule.KeyScope;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.events.DeadLetters;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

/**
 * Who may call what in the emissions service (DESIGN §4), declared once: each operation's implementing method names
 * one of these rules ({@code @Access}), the runtime enforces its roles and key scopes, and the services apply its data
 * scope ({@link DataScope}) when they load the data.
 * <p>
 * Third parties (API keys through the gateway) are held to their key's scopes: {@code emissions:read} reads the
 * disclosed data everywhere; the audit log no key can be granted.
 */
public class EmissionsAccess {

    public static final String READ_LIMITS = "emissions.read-limits";
    public static final String RELOAD_LIMITS = "emissions.reload-limits";
    public static final String READ_AUDIT = "emissions.read-audit";
    public static final String INGEST = "emissions.ingest";
    public static final String BIND_ORGANISATIONS = "emissions.bind-organisations";
    /** Exceedances, series and aggregates: disclosed, so emissions:read keys read them (daily values only). */
    public static final String READ_DISCLOSED = "emissions.read-disclosed";
    /** Data gaps and annual discharge: not disclosed, no key reads them. */
    public static final String READ_MONITORING = "emissions.read-monitoring";
    /** Writing a self-monitoring report: the enterprise's reporter, officers on its behalf. */
    public static final String WRITE_REPORTS = "emissions.write-reports";
    /** Accepting or returning a report: officials inside their jurisdiction. */
    public static final String DECIDE_REPORTS = "emissions.decide-reports";
    /** Writing and deciding reports: no API key can be granted it. */
    public static final String REPORTS_SCOPE = "emissions:reports";
    /** Reading what is not disclosed: no API key can be granted it. */
    public static final String MONITORING_SCOPE = "emissions:monitoring";

    /** Binding organisations to enterprises: no API key can be granted it. */
    public static final String BINDING_SCOPE = "emissions:bindings";

    /** Reloading the copy of the registry: no API key can be granted it. */
    public static final String OPERATE_SCOPE = "emissions:operate";
    /** The service's audit log: no API key can be granted it. */
    public static final String AUDIT_SCOPE = "emissions:audit";

    public static final Set<String> PLATFORM_ADMINS = Set.of(Roles.PLATFORM_ADMIN);
    /** Who reads emissions data, each within their data scope: officials by jurisdiction, a reporter its own. */
    public static final Set<String> EMISSIONS_READERS = Roles.union(Set.of(Roles.PLATFORM_ADMIN, Roles.ENTERPRISE_REPORTER),
            Roles.JURISDICTIONAL);

    private static final KeyScope READING = KeyScope.anyOf("Reading emissions", Scopes.EMISSIONS_READ);

    /**
     * Who sends monitoring values: platform-admins, officers inside their jurisdiction, a reporter for its own
     * enterprise; a key with emissions:write for an enterprise its organisation is bound to (MeasurementIngest).
     */
    public static final Set<String> INGESTERS = Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.ENTERPRISE_REPORTER);

    public static final List<AccessRule> RULES = List.of(
            AccessRule.of(INGEST, INGESTERS, KeyScope.anyOf("Sending monitoring values", Scopes.EMISSIONS_WRITE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(BIND_ORGANISATIONS, Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER),
                    KeyScope.never("Binding organisations to enterprises", BINDING_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_LIMITS, EMISSIONS_READERS, READING, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_DISCLOSED, EMISSIONS_READERS, READING, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(WRITE_REPORTS, INGESTERS, KeyScope.never("Writing self-monitoring reports", REPORTS_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(DECIDE_REPORTS, Roles.union(PLATFORM_ADMINS, Set.of(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD,
                    Roles.INSPECTOR)), KeyScope.never("Accepting or returning reports", REPORTS_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_MONITORING, EMISSIONS_READERS,
                    KeyScope.never("Reading data gaps and annual discharge", MONITORING_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(RELOAD_LIMITS, PLATFORM_ADMINS, KeyScope.never("Reloading the limits", OPERATE_SCOPE),
                    DataScope.Kind.PLATFORM),
            AccessRule.of(READ_AUDIT, PLATFORM_ADMINS, KeyScope.never("Reading the audit log", AUDIT_SCOPE),
                    DataScope.Kind.PLATFORM),
            // the checkpoints of other parties' audit chains the service witnesses (services/runtime)
            AuditWitness.ACCESS_RULE,
            // the registry events the consumer gave up on (services/runtime)
            DeadLetters.ACCESS_RULE);

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(RULES);
    }

    /** Disclosed emissions data is public: a key that reads emissions reads them everywhere. */
    @Produces
    @Singleton
    DataScope dataScope() {
        return new DataScope(Set.of(Scopes.EMISSIONS_READ));
    }
}
