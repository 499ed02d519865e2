package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerTest {

    private static Caller withRoles(String jurisdiction, String... roles) {
        return new Caller("sub", "user", "ecogov-web", Set.of(roles), "eeb", jurisdiction, null);
    }

    @Test
    void platformAdminSeesEverything() {
        Caller admin = withRoles(null, Roles.PLATFORM_ADMIN);
        assertThat(admin.isPlatformAdmin()).isTrue();
        assertThat(admin.canSee("650000")).isTrue();
        assertThat(admin.canSee("341702102001")).isTrue();
    }

    @Test
    void officialsSeeTheirJurisdictionAndWhatLiesInside() {
        for (String role : new String[] { Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR }) {
            Caller official = withRoles("341700", role);
            assertThat(official.canSee("341700")).as(role).isTrue();
            assertThat(official.canSee("341702")).as(role).isTrue();
            assertThat(official.canSee("341702102001")).as(role).isTrue();
            assertThat(official.canSee("341800")).as(role).isFalse();
            assertThat(official.canSee("340000")).as(role).isFalse();
        }
    }

    @Test
    void countyOfficerDoesNotSeeTheNeighbouringCounty() {
        Caller officer = withRoles("341702", Roles.AGENCY_OFFICER);
        assertThat(officer.canSee("341702100")).isTrue();
        assertThat(officer.canSee("341703")).isFalse();
    }

    @Test
    void officialWithoutJurisdictionSeesNothing() {
        assertThat(withRoles(null, Roles.AGENCY_OFFICER).canSee("341702")).isFalse();
        assertThat(withRoles(" ", Roles.INSPECTOR).canSee("341702")).isFalse();
    }

    @Test
    void jurisdictionAloneGrantsNothingWithoutAnOfficialRole() {
        assertThat(withRoles("341702", Roles.PUBLIC).canSee("341702")).isFalse();
        assertThat(withRoles("341702", Roles.ENTERPRISE_REPORTER).canSee("341702")).isFalse();
    }

    @Test
    void invalidDivisionIsNotSeen() {
        assertThat(withRoles("341702", Roles.AGENCY_OFFICER).canSee("3417")).isFalse();
        assertThat(withRoles("341702", Roles.AGENCY_OFFICER).canSee(null)).isFalse();
    }

    @Test
    void reporterOwnsOnlyTheEnterpriseInTheToken() {
        Caller reporter = new Caller("sub", "r", "web", Set.of(Roles.ENTERPRISE_REPORTER), null, null,
                "91341702669392367N");
        assertThat(reporter.isOwnEnterprise("91341702669392367N")).isTrue();
        assertThat(reporter.isOwnEnterprise("91341702630566720G")).isFalse();
        assertThat(reporter.isOwnEnterprise(null)).isFalse();
    }

    @Test
    void usccClaimWithoutReporterRoleOwnsNothing() {
        Caller officer = new Caller("sub", "o", "web", Set.of(Roles.AGENCY_OFFICER), "eeb", "341702",
                "91341702669392367N");
        assertThat(officer.isOwnEnterprise("91341702669392367N")).isFalse();
    }

    @Test
    void anonymousHasNoRolesAndSeesNothing() {
        Caller anonymous = Caller.anonymous();
        assertThat(anonymous.isAnonymous()).isTrue();
        assertThat(anonymous.roles()).isEmpty();
        assertThat(anonymous.hasAnyRole(Roles.ALL.toArray(String[]::new))).isFalse();
        assertThat(anonymous.canSee("341702")).isFalse();
        assertThat(anonymous.isOwnEnterprise(null)).isFalse();
    }

    @Test
    void hasAnyRoleMatchesOne() {
        Caller lead = withRoles("341702", Roles.AGENCY_LEAD);
        assertThat(lead.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD)).isTrue();
        assertThat(lead.hasAnyRole(Roles.AGENCY_OFFICER)).isFalse();
        assertThat(lead.hasAnyRole()).isFalse();
    }

    @Test
    void rolesAreCopiedAndImmutable() {
        Set<String> roles = new HashSet<>(Set.of(Roles.PUBLIC));
        Caller caller = new Caller("sub", "u", null, roles, null, null, null);
        roles.add(Roles.PLATFORM_ADMIN);
        assertThat(caller.isPlatformAdmin()).isFalse();
        assertThat(new Caller("s", null, null, null, null, null, null).roles()).isEmpty();
    }

    @Test
    void equalCallersAreEqual() {
        assertThat(withRoles("341702", Roles.INSPECTOR)).isEqualTo(withRoles("341702", Roles.INSPECTOR))
                .hasSameHashCodeAs(withRoles("341702", Roles.INSPECTOR))
                .isNotEqualTo(withRoles("341703", Roles.INSPECTOR));
        assertThat(withRoles("341702", Roles.INSPECTOR).toString()).contains("jurisdiction=341702");
    }

    @Test
    void rolesMatchTheRealm() {
        assertThat(Roles.ALL).containsExactlyInAnyOrder("platform-admin", "agency-officer", "agency-lead", "inspector",
                "enterprise-reporter", "public", "registry-reader");
    }

    @Test
    void thirdPartyIsNoRealmRole() {
        assertThat(Roles.THIRD_PARTY).isEqualTo("third-party");
        assertThat(Roles.ALL).doesNotContain(Roles.THIRD_PARTY);
    }

    private static Caller apiKey(String... scopes) {
        return new Caller("apikey:ecok_7kq2m9xa4d", "apikey:ecok_7kq2m9xa4d", "ecok_7kq2m9xa4d",
                Set.of(Roles.THIRD_PARTY), null, null, null, "GREENWATCH", Set.of(scopes));
    }

    @Test
    void thirdPartyActsAsItsKeyWithItsScopes() {
        Caller key = apiKey("registry:read", "disclosure:read");
        assertThat(key.isThirdParty()).isTrue();
        assertThat(key.organisation()).isEqualTo("GREENWATCH");
        assertThat(key.hasScope("registry:read")).isTrue();
        assertThat(key.hasScope("emissions:write")).isFalse();
        assertThat(key.actor()).isEqualTo("apikey:ecok_7kq2m9xa4d");
        assertThat(new Caller("apikey:ecok_1", "someone", "ecok_1", Set.of(Roles.THIRD_PARTY), null, null, null,
                "GREENWATCH", Set.of()).actor()).as("never a name, always the key").isEqualTo("apikey:ecok_1");
    }

    @Test
    void thirdPartySeesNoJurisdictionAndOwnsNoEnterprise() {
        Caller key = new Caller("apikey:ecok_1", null, "ecok_1", Set.of(Roles.THIRD_PARTY), "eeb", "341702",
                "91341702669392367N", "GREENWATCH", Set.of("registry:read"));
        assertThat(key.canSee("341702")).isFalse();
        assertThat(key.isOwnEnterprise("91341702669392367N")).isFalse();
        assertThat(key.isPlatformAdmin()).isFalse();
    }

    @Test
    void realmCallersHaveNoOrganisationOrScopes() {
        Caller officer = withRoles("341702", Roles.AGENCY_OFFICER);
        assertThat(officer.isThirdParty()).isFalse();
        assertThat(officer.organisation()).isNull();
        assertThat(officer.scopes()).isEmpty();
        assertThat(officer.hasScope("registry:read")).isFalse();
        assertThat(Caller.anonymous().scopes()).isEmpty();
        assertThat(Caller.anonymous().isThirdParty()).isFalse();
    }

    @Test
    void scopesAreCopiedAndOrganisationAndScopesTakePartInEquality() {
        Set<String> scopes = new HashSet<>(Set.of("registry:read"));
        Caller key = new Caller("s", null, null, Set.of(Roles.THIRD_PARTY), null, null, null, "GREENWATCH", scopes);
        scopes.add("emissions:write");
        assertThat(key.hasScope("emissions:write")).isFalse();
        assertThat(new Caller("s", null, null, null, null, null, null, null, null).scopes()).isEmpty();

        assertThat(apiKey("registry:read")).isEqualTo(apiKey("registry:read"))
                .hasSameHashCodeAs(apiKey("registry:read"))
                .isNotEqualTo(apiKey("disclosure:read"));
        assertThat(apiKey("registry:read")).isNotEqualTo(new Caller("apikey:ecok_7kq2m9xa4d", "apikey:ecok_7kq2m9xa4d",
                "ecok_7kq2m9xa4d", Set.of(Roles.THIRD_PARTY), null, null, null, "RIVERWATCH", Set.of("registry:read")));
        assertThat(apiKey("registry:read").toString()).contains("organisation=GREENWATCH", "scopes=[registry:read]");
    }
}
