package org.ecogov.complaints.config;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.AccessRule.KeyScope;
import org.ecogov.runtime.access.AccessRules;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;

/**
 * Who may call what in the complaints service (DESIGN §4, issue 11), declared once: each operation's implementing
 * method names one of these rules ({@code @Access}), the runtime enforces its roles and key scopes, and the service
 * applies the data scope when it loads complaints (officials: their agency's and their jurisdiction's, else 404).
 * <p>
 * Filing ({@link #admitSubmitter}), what the tracking code opens ({@link #admitCodeHolder}) and Open311's reads
 * ({@link #admitOpen311Reader}) are open to anonymous callers too; every other operation needs a token.
 * <p>
 * Keys: {@code complaints:write} files complaints (on the {@code app} channel), {@code complaints:read} follows one by
 * its tracking code; handling complaints and the audit log are never open to a key.
 */
public class ComplaintsAccess {

    public static final String SUBMIT = "complaints.submit";
    public static final String TRACK = "complaints.track";
    public static final String HANDLE = "complaints.handle";
    public static final String EXTEND = "complaints.extend";
    public static final String FEEDBACK = "complaints.feedback";
    public static final String ATTACH_PHOTO = "complaints.attach-photo";
    public static final String DISCLOSED = "complaints.disclosed";
    public static final String READ_AUDIT = "complaints.read-audit";
    public static final String OPEN311_READ = "complaints.open311-read";

    /** Handling complaints (reading them whole, with their contact details): no API key can be granted it. */
    public static final String HANDLE_SCOPE = "complaints:handle";
    /** The complaints audit log: no API key can be granted it. */
    public static final String AUDIT_SCOPE = "complaints:audit";

    /**
     * Filing is the one operation open without a credential (api-specs/complaints.yaml marks it with the empty
     * security requirement; the gateway counts such calls per address): the runtime's AccessFilter answers every
     * anonymous caller 401, so this rule is enforced by {@link #admitSubmitter}, which the operation calls first.
     */
    public static final String SUBMIT_ENFORCED_BY = "ComplaintsAccess.admitSubmitter, called by"
            + " ComplaintResource.submitComplaint: an anonymous caller is admitted, any other is checked against"
            + " this rule's roles and key scopes; and by Open311Resource.createOpen311Request, which refuses an"
            + " anonymous caller 401 first";

    /** What the tracking code opens (following, rating, adding photos) is open without a credential too. */
    public static final String BY_CODE_ENFORCED_BY = "ComplaintsAccess.admitCodeHolder, called by TrackingResource's"
            + " operations: an anonymous caller holding the code is admitted as the anonymous public, any other is"
            + " checked against the rule";

    /**
     * The tracking code is the secret the public holds: an anonymous caller who presents it follows, rates or adds
     * photos as {@link #ANONYMOUS_PUBLIC} (a code that is no complaint's is 404, as for anyone); any other caller
     * must satisfy the rule as AccessFilter would check it.
     */
    public static Caller admitCodeHolder(String rule, Caller caller) {
        if (caller.isAnonymous()) {
            return ANONYMOUS_PUBLIC;
        }
        RULES.stream().filter(r -> r.name().equals(rule)).findFirst().orElseThrow().check(caller);
        return caller;
    }

    /** Open311's reads are open without a credential: they show the disclosed view only. */
    public static final String OPEN311_READ_ENFORCED_BY = "ComplaintsAccess.admitOpen311Reader, called by every"
            + " Open311Resource read: an anonymous caller is admitted, any other is checked against this rule";

    /** The actor an anonymous complaint is filed, stamped and audited as. */
    public static final Caller ANONYMOUS_PUBLIC = new Caller("anonymous", "anonymous", null, Set.of(Roles.PUBLIC),
            null, null, null);

    /**
     * The submit rule, enforced: an anonymous caller files as {@link #ANONYMOUS_PUBLIC} (role public, so it may file
     * on web or mobile only and sees the receipt only), any other caller must satisfy the rule as AccessFilter would
     * check it (403 for a role or key outside it).
     */
    public static Caller admitSubmitter(Caller caller) {
        if (caller.isAnonymous()) {
            return ANONYMOUS_PUBLIC;
        }
        RULES.stream().filter(rule -> rule.name().equals(SUBMIT)).findFirst().orElseThrow().check(caller);
        return caller;
    }

    /**
     * Open311's reads (discovery, services, requests as the public may know them, a token's request id): an
     * anonymous caller is admitted as is; any other must satisfy the rule as AccessFilter would check it.
     */
    public static Caller admitOpen311Reader(Caller caller) {
        if (!caller.isAnonymous()) {
            RULES.stream().filter(rule -> rule.name().equals(OPEN311_READ)).findFirst().orElseThrow().check(caller);
        }
        return caller;
    }

    /** Who files: the public signed in, officials entering a hotline call, platform-admins. */
    public static final Set<String> SUBMITTERS = Roles.union(Set.of(Roles.PUBLIC, Roles.PLATFORM_ADMIN),
            Roles.JURISDICTIONAL);
    /** Who may file on the hotline channel: the officials who take the calls. */
    public static final Set<String> HOTLINE_OPERATORS = Set.of(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD);
    /** Anyone signed in who holds a tracking code may follow it. */
    public static final Set<String> ANYONE_SIGNED_IN = Set.of();
    /** Who handles complaints: officials within their agency and jurisdiction, platform-admins everywhere. */
    public static final Set<String> HANDLERS = Roles.union(Set.of(Roles.PLATFORM_ADMIN), Roles.JURISDICTIONAL);

    public static final List<AccessRule> RULES = List.of(
            AccessRule.enforcedBy(SUBMIT_ENFORCED_BY, SUBMIT, SUBMITTERS,
                    KeyScope.anyOf("Filing a complaint", Scopes.COMPLAINTS_WRITE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.enforcedBy(BY_CODE_ENFORCED_BY, TRACK, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Following a complaint", Scopes.COMPLAINTS_READ), DataScope.Kind.SHARED),
            AccessRule.of(HANDLE, HANDLERS, KeyScope.never("Handling complaints", HANDLE_SCOPE),
                    DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.of(EXTEND, Set.of(Roles.AGENCY_LEAD, Roles.PLATFORM_ADMIN),
                    KeyScope.never("Extending a deadline", HANDLE_SCOPE), DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE),
            AccessRule.enforcedBy(BY_CODE_ENFORCED_BY, FEEDBACK, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Rating a complaint", Scopes.COMPLAINTS_WRITE), DataScope.Kind.SHARED),
            AccessRule.enforcedBy(BY_CODE_ENFORCED_BY, ATTACH_PHOTO, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Attaching a photo", Scopes.COMPLAINTS_WRITE), DataScope.Kind.SHARED),
            AccessRule.of(DISCLOSED, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Reading disclosed complaints", Scopes.COMPLAINTS_READ), DataScope.Kind.SHARED),
            AccessRule.enforcedBy(OPEN311_READ_ENFORCED_BY, OPEN311_READ, ANYONE_SIGNED_IN,
                    KeyScope.anyOf("Reading Open311 service requests", Scopes.COMPLAINTS_READ), DataScope.Kind.SHARED),
            AccessRule.of(READ_AUDIT, Set.of(Roles.PLATFORM_ADMIN), KeyScope.never("Reading the audit log", AUDIT_SCOPE),
                    DataScope.Kind.PLATFORM),
            // the checkpoints of other parties' audit chains this service witnesses (services/runtime)
            AuditWitness.ACCESS_RULE);

    @Produces
    @Singleton
    AccessRules rules() {
        return new AccessRules(RULES);
    }

    /** No key scope and no service role sees every complaint: they hold personal data. */
    @Produces
    @Singleton
    DataScope dataScope() {
        return new DataScope(Set.of());
    }
}
