package org.ecogov.runtime.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.Scopes;
import org.junit.jupiter.api.Test;

import io.quarkus.security.ForbiddenException;

/** A rule's roles and key scopes, and the data scope, on their own. */
class AccessRuleTest {

    private static final AccessRule READ = AccessRule.of("read", Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER),
            AccessRule.KeyScope.anyOf("Reading the registry", Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ),
            DataScope.Kind.JURISDICTION_OR_OWN_ENTERPRISE);
    private static final AccessRule WRITE = AccessRule.of("write", Set.of(Roles.PLATFORM_ADMIN),
            AccessRule.KeyScope.never("Changing the registry", "registry:write"), DataScope.Kind.SHARED);
    private static final AccessRule ANYONE = AccessRule.of("anyone", Set.of(),
            AccessRule.KeyScope.anyOf("Reading", Scopes.REGISTRY_READ), DataScope.Kind.SHARED);

    private static Caller official(String role, String jurisdiction) {
        return new Caller("s", "u", "c", Set.of(role), "EEB", jurisdiction, null);
    }

    private static Caller key(String... scopes) {
        return new Caller("apikey:k", "apikey:k", "k", Set.of(Roles.THIRD_PARTY), null, null, null, "ORG", Set.of(scopes));
    }

    @Test
    void aRoleOutsideTheRuleIsForbidden() {
        assertThatCode(() -> READ.check(official(Roles.AGENCY_OFFICER, "341702"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> READ.check(official(Roles.PUBLIC, null))).isInstanceOf(ForbiddenException.class);
        assertThatCode(() -> ANYONE.check(official(Roles.PUBLIC, null))).doesNotThrowAnyException();
    }

    @Test
    void aThirdPartyIsHeldToItsKeysScopesNeverToARole() {
        assertThatCode(() -> READ.check(key(Scopes.DISCLOSURE_READ))).doesNotThrowAnyException();
        assertThatThrownBy(() -> READ.check(key(Scopes.EMISSIONS_READ)))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.INSUFFICIENT_SCOPE);
                    assertThat(p.detail()).isEqualTo("Reading the registry needs the scope registry:read (or disclosure:read).");
                });
        assertThatThrownBy(() -> WRITE.check(key(Scopes.REGISTRY_READ)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.detail())
                        .isEqualTo("Changing the registry needs the scope registry:write, which no API key can be granted."));
        assertThatThrownBy(() -> AccessRule.KeyScope.never("Reading", Scopes.REGISTRY_READ))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataScopeIsJurisdictionOwnEnterpriseOrWhatTheKeyOpens() {
        DataScope scope = new DataScope(Set.of(Scopes.REGISTRY_READ));
        Caller town = official(Roles.AGENCY_OFFICER, "341702102");
        assertThat(scope.canSee(town, "341702102001", "X")).isTrue();
        assertThat(scope.canSee(town, "341702101", "X")).isFalse();
        assertThat(scope.canChangeAt(town, "341702102")).isTrue();
        assertThat(scope.canChangeAt(official(Roles.AGENCY_LEAD, "341702"), "341702102")).isFalse();
        Caller reporter = new Caller("r", "r", "c", Set.of(Roles.ENTERPRISE_REPORTER), null, null, "91341702669392367N");
        assertThat(scope.canSee(reporter, "341702", "91341702669392367N")).isTrue();
        assertThat(scope.canSee(reporter, "341702", "91341702592517616A")).isFalse();
        assertThat(scope.listScope(reporter)).isEqualTo(new DataScope.ListScope(null, "91341702669392367N"));
        assertThat(scope.canSee(key(Scopes.REGISTRY_READ), "110000", "X")).isTrue();
        assertThat(scope.canSee(key(Scopes.EMISSIONS_READ), "110000", "X")).isFalse();
        assertThat(scope.listScope(key(Scopes.REGISTRY_READ)).divisionPrefix()).isEmpty();
        assertThat(scope.listScope(official(Roles.PUBLIC, null)).nothing()).isTrue();
    }
}
