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
}
