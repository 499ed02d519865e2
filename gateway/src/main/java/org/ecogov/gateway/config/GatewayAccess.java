package org.ecogov.gateway.config;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRule.KeyScope;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

/**
 * Who may call the gateway's own operations (those of api-specs/gateway.yaml; proxied requests are the services'
 * to judge), declared once; each implementing method names its rule ({@code @Access}).
 */
public class GatewayAccess {

    public static final String MANAGE_KEYS = "gateway.manage-keys";
    public static final String READ_PROFILE = "gateway.read-profile";
    public static final String READ_AUDIT = "gateway.read-audit";

    /** Managing API keys: no API key can be granted it (a key cannot manage keys). */
    public static final String KEYS_SCOPE = "gateway:keys";

    public static final Set<String> PLATFORM_ADMINS = Set.of(Roles.PLATFORM_ADMIN);
    /** Every signed-in caller: the services behind the profile apply their own data scope to the caller's token. */
    public static final Set<String> ANYONE_SIGNED_IN = Set.of();

    public static final List<AccessRule> RULES = List.of(
            AccessRule.of(MANAGE_KEYS, PLATFORM_ADMINS, KeyScope.never("Managing API keys", KEYS_SCOPE),
                    DataScope.Kind.PLATFORM),
            // an API key is no token: the door (identity/Door) authenticates both kinds and checks the key's scope
            AccessRule.enforcedBy("the gateway's door: a realm token, or an API key with registry:read or disclosure:read",
                    READ_PROFILE, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Reading the enterprise profile", Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            // the gateway's own audit log: its verification, for platform-admins
            AccessRule.of(READ_AUDIT, PLATFORM_ADMINS, KeyScope.never("Reading the gateway's audit log", "gateway:audit"),
                    DataScope.Kind.PLATFORM),
            // the checkpoints of the services' audit chains the gateway witnesses (services/runtime)
            AuditWitness.ACCESS_RULE);

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(RULES);
    }
}
