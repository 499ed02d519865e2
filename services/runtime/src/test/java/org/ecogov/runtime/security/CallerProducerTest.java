package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Token claims are covered over HTTP in CallerInjectionTest; these are the cases without a token. */
class CallerProducerTest {

    @Test
    void noIdentityIsAnonymous() {
        assertThat(CallerProducer.fromIdentity(null)).isEqualTo(Caller.anonymous());
    }

    @Test
    void anonymousIdentityIsAnonymous() {
        QuarkusSecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertThat(CallerProducer.fromIdentity(anonymous).isAnonymous()).isTrue();
    }

    @Test
    void identityWithoutATokenKeepsNameAndRoles() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("alice")).addRole(Roles.INSPECTOR).build();
        Caller caller = CallerProducer.fromIdentity(identity);
        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.username()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactly(Roles.INSPECTOR);
        assertThat(caller.jurisdiction()).isNull();
    }

    @Test
    void scopeClaimIsSpaceSeparated() {
        assertThat(CallerProducer.scopes("registry:read  disclosure:read ")).containsExactlyInAnyOrder("registry:read",
                "disclosure:read");
        assertThat(CallerProducer.scopes("registry:read")).containsExactly("registry:read");
        assertThat(CallerProducer.scopes("")).isEmpty();
        assertThat(CallerProducer.scopes(null)).isEmpty();
    }

    @Test
    void identityWithoutATokenIsNoThirdParty() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("bob")).addRole(Roles.PUBLIC).build();
        Caller caller = CallerProducer.fromIdentity(identity);
        assertThat(caller.isThirdParty()).isFalse();
        assertThat(caller.organisation()).isNull();
        assertThat(caller.scopes()).isEmpty();
    }
}
