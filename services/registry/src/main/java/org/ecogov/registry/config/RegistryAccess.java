package org.ecogov.registry.config;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRule.KeyScope;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

import java.util.List;
import java.util.Set;

/**
 * Who may call what in the registry (DESIGN §4), declared once: each operation's implementing method names one of
 * these rules ({@code @Access}), the runtime enforces its roles and key scopes, and the services apply its data
 * scope ({@link DataScope}) when they load the data.
 * <p>
 * Third parties (API keys through the gateway) are held to their key's scopes, never to a role: registry records
 * are public information, so {@code registry:read} or {@code disclosure:read} reads them everywhere; nothing else
 * is open to a key, and a refusal names the scope that would be needed (one no key can be granted for writes,
 * history and the audit log).
 */
public class RegistryAccess {

    public static final String READ_ENTERPRISES = "registry.read-enterprises";
    public static final String CHANGE_ENTERPRISES = "registry.change-enterprises";
    public static final String READ_HISTORY = "registry.read-history";
    public static final String READ_SHARED = "registry.read-shared";
    public static final String CHANGE_SHARED = "registry.change-shared";
    public static final String READ_AUDIT = "registry.read-audit";

    /** Changing the registry: no API key can be granted it. */
    public static final String WRITE_SCOPE = "registry:write";
    /** An enterprise's earlier versions, with who changed what: no API key can be granted it. */
    public static final String HISTORY_SCOPE = "registry:history";
    /** The registry's audit log: no API key can be granted it. */
    public static final String AUDIT_SCOPE = "registry:audit";

    /** Who reads enterprises, outlets and permits (each within their data scope). */
    public static final Set<String> ENTERPRISE_READERS = Roles.union(Set.of(Roles.PLATFORM_ADMIN, Roles.ENTERPRISE_REPORTER),
            Roles.JURISDICTIONAL);
    /**
     * Who reads enterprises, outlets and permits now: the above, and another service reading for itself with its own
     * client's role registry-reader (everywhere; not their versions, nothing else).
     */
    public static final Set<String> ENTERPRISE_READERS_AND_SERVICES = Roles.union(ENTERPRISE_READERS,
            Set.of(Roles.REGISTRY_READER));
    /** Who changes them: officers within their jurisdiction, and platform-admins. */
    public static final Set<String> ENTERPRISE_CHANGERS = Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER);
    /** Every signed-in caller: who leads on what, and the reference lists, are public knowledge. */
    public static final Set<String> ANYONE_SIGNED_IN = Set.of();
    public static final Set<String> PLATFORM_ADMINS = Set.of(Roles.PLATFORM_ADMIN);

    /**
     * Who is shown the usernames of the officials who changed a record ({@link RecordView#FULL}): the officials
     * themselves, platform-admins and the platform's services.
     */
    public static final Set<String> SEE_OFFICIALS = Roles.union(Set.of(Roles.PLATFORM_ADMIN, Roles.REGISTRY_READER),
            Roles.JURISDICTIONAL);
    /**
     * Who is shown what is not disclosed (the legal representative, reasons, outlets' details, audit times) but no
     * official's username ({@link RecordView#WITHOUT_OFFICIALS}); API keys: {@code registry:read}. Every other caller
     * is shown the disclosed view.
     */
    public static final Set<String> SEE_UNDISCLOSED = Set.of(Roles.ENTERPRISE_REPORTER);

    private static final KeyScope READING = KeyScope.anyOf("Reading the registry", Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ);
    private static final KeyScope CHANGING = KeyScope.never("Changing the registry", WRITE_SCOPE);

    public static final List<AccessRule> RULES = List.of(
            AccessRule.of(READ_ENTERPRISES, ENTERPRISE_READERS_AND_SERVICES, READING, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(CHANGE_ENTERPRISES, ENTERPRISE_CHANGERS, CHANGING, DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_HISTORY, ENTERPRISE_READERS, KeyScope.never("Reading an enterprise's versions", HISTORY_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(READ_SHARED, ANYONE_SIGNED_IN, READING, DataScope.Kind.SHARED),
            AccessRule.of(CHANGE_SHARED, PLATFORM_ADMINS, CHANGING, DataScope.Kind.SHARED),
            AccessRule.of(READ_AUDIT, PLATFORM_ADMINS, KeyScope.never("Reading the audit log", AUDIT_SCOPE),
                    DataScope.Kind.PLATFORM),
            // the checkpoints of other parties' audit chains the registry witnesses (services/runtime)
            AuditWitness.ACCESS_RULE);

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(RULES);
    }

    /** Registry records are public information: a key that reads the registry reads it everywhere. */
    @Produces
    @Singleton
    DataScope dataScope() {
        return new DataScope(Set.of(Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ), Set.of(Roles.REGISTRY_READER));
    }
}
