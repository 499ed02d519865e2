package org.ecogov.runtime.security;

import java.util.Objects;
import java.util.Set;

import org.ecogov.runtime.identifiers.DivisionCode;

/**
 * Who is calling, as the services reason about it: the token's subject and names, the roles, and the
 * custom claims that scope the caller's reach (agency and jurisdiction for officials, USCC for enterprise
 * reporters, organisation and scopes for a third party's API key). An anonymous caller has no subject and no
 * roles. Immutable.
 * <p>
 * Written as a class with record-style accessors rather than as a record because it is injected as a
 * request-scoped bean: CDI reaches it through a client proxy, a subclass, and records are final (ArC refuses
 * a normal-scoped producer of a record type).
 */
public class Caller {

    private static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), null, null, null);

    private final String subject;
    private final String username;
    private final String clientId;
    private final Set<String> roles;
    private final String agency;
    private final String jurisdiction;
    private final String uscc;
    private final String organisation;
    private final Set<String> scopes;

    /**
     * @param subject the token's {@code sub}; null when anonymous
     * @param username {@code preferred_username}
     * @param clientId the client the token was issued to ({@code azp}); for an API key, the key's id
     * @param roles roles; null means none
     * @param agency the code of the caller's agency, for officials
     * @param jurisdiction the division code the caller's agency answers for, for officials
     * @param uscc the enterprise an enterprise reporter reports for
     * @param organisation the code of the organisation an API key belongs to ({@code org}), for third parties
     * @param scopes what an API key was granted ({@code scope}), for third parties; null means none
     */
    public Caller(String subject, String username, String clientId, Set<String> roles, String agency,
            String jurisdiction, String uscc, String organisation, Set<String> scopes) {
        this.subject = subject;
        this.username = username;
        this.clientId = clientId;
        this.roles = roles == null ? Set.of() : Set.copyOf(roles);
        this.agency = agency;
        this.jurisdiction = jurisdiction;
        this.uscc = uscc;
        this.organisation = organisation;
        this.scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    /** A caller signed in through the realm: no organisation, no scopes. */
    public Caller(String subject, String username, String clientId, Set<String> roles, String agency,
            String jurisdiction, String uscc) {
        this(subject, username, clientId, roles, agency, jurisdiction, uscc, null, Set.of());
    }

    /** For the CDI client proxy only; it delegates every call to the real instance. */
    protected Caller() {
        this(null, null, null, Set.of(), null, null, null);
    }

    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public String subject() {
        return subject;
    }

    public String username() {
        return username;
    }

    public String clientId() {
        return clientId;
    }

    public Set<String> roles() {
        return roles;
    }

    public String agency() {
        return agency;
    }

    public String jurisdiction() {
        return jurisdiction;
    }

    public String uscc() {
        return uscc;
    }

    /** The code of the organisation an API key belongs to; null for anyone but a third party. */
    public String organisation() {
        return organisation;
    }

    /** The scopes of a third party's API key; empty for everyone else. */
    public Set<String> scopes() {
        return scopes;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** An outside organisation calling with an API key, through the gateway. */
    public boolean isThirdParty() {
        return roles.contains(Roles.THIRD_PARTY);
    }

    /**
     * The name written into createdBy/updatedBy: the username, or the subject when the token has none; for an
     * API key always the subject ({@code apikey:<keyId>}), so a key is never mistaken for a person.
     */
    public String actor() {
        if (isThirdParty()) {
            return subject;
        }
        return username != null && !username.isBlank() ? username : subject;
    }

    public boolean isAnonymous() {
        return subject == null;
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Roles.PLATFORM_ADMIN);
    }

    public boolean hasAnyRole(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the caller may see what lies in this division. A platform admin sees everything; officers,
     * leads and inspectors see their jurisdiction and what lies inside it; everyone else, and an official
     * whose token carries no jurisdiction, sees nothing by this rule (what the public may see is decided by
     * disclosure, not by place).
     */
    public boolean canSee(String divisionCode) {
        if (isPlatformAdmin()) {
            return true;
        }
        boolean official = Roles.JURISDICTIONAL.stream().anyMatch(roles::contains);
        if (!official || jurisdiction == null || jurisdiction.isBlank()) {
            return false;
        }
        return DivisionCode.contains(jurisdiction, divisionCode);
    }

    /**
     * Whether the caller reports for this enterprise: an enterprise reporter whose token names this USCC.
     * The role is required too, so a stray {@code uscc} claim on another kind of account grants nothing.
     */
    public boolean isOwnEnterprise(String enterpriseUscc) {
        return uscc != null && uscc.equals(enterpriseUscc) && roles.contains(Roles.ENTERPRISE_REPORTER);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Caller that && Objects.equals(subject, that.subject())
                && Objects.equals(username, that.username()) && Objects.equals(clientId, that.clientId())
                && roles.equals(that.roles()) && Objects.equals(agency, that.agency())
                && Objects.equals(jurisdiction, that.jurisdiction()) && Objects.equals(uscc, that.uscc())
                && Objects.equals(organisation, that.organisation()) && scopes.equals(that.scopes());
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, username, clientId, roles, agency, jurisdiction, uscc, organisation, scopes);
    }

    @Override
    public String toString() {
        return "Caller[subject=" + subject + ", username=" + username + ", clientId=" + clientId + ", roles=" + roles
                + ", agency=" + agency + ", jurisdiction=" + jurisdiction + ", uscc=" + uscc
                + ", organisation=" + organisation + ", scopes=" + scopes + "]";
    }
}
