package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A service that is not given a client of its own starts (its OIDC client is off) and says so when its own
 * identity is asked for. (The identity of a configured service, against the real Keycloak, is in deploy/local's
 * ServiceIdentitySystemTest.)
 */
@QuarkusTest
@WithTestResource(OidcTestKeyResource.class)
class NoServiceIdentityTest {

    @Inject
    ServiceIdentity identity;

    @Test
    void withoutAClientIdThereIsNoOwnToken() {
        assertThatThrownBy(() -> identity.authorization().await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ecogov.service.client-id");
    }
}
