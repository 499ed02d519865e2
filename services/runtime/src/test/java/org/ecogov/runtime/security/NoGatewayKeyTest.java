package org.ecogov.runtime.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A service configured without the gateway's key starts, accepts the realm's tokens and no gateway token. */
@QuarkusTest
@TestProfile(NoGatewayKeyTest.WithoutGatewayKey.class)
class NoGatewayKeyTest {

    public static class WithoutGatewayKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(GatewayTokens.PUBLIC_KEY_PROPERTY, "");
        }
    }

    @Test
    void theGatewayTenantIsOff() {
        assertThat(ConfigProvider.getConfig().getValue(GatewayTenantSwitch.TENANT_ENABLED, Boolean.class)).isFalse();
    }

    @Test
    void realmTokensAreAcceptedAndGatewayTokensAreNot() {
        given().auth().oauth2(TestTokens.officer("eeb-341702", "341702")).get("/fixture/caller").then()
                .statusCode(200).body("username", equalTo("officer-eeb-341702"));
        given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", "registry:read")).get("/fixture/caller").then()
                .statusCode(401).body("type", equalTo("/problems/unauthenticated"));
    }
}
