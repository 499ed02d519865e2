package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The service's own OIDC client is on exactly when the service is told which client it is. */
class ServiceIdentitySwitchTest {

    private static boolean clientEnabled(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new ServiceIdentitySwitch())
                // as Quarkus does: quarkus-oidc-client's default (true) in the default-values source
                .withDefaultValue(ServiceIdentitySwitch.CLIENT_ENABLED, "true")
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .build();
        return config.getValue(ServiceIdentitySwitch.CLIENT_ENABLED, Boolean.class);
    }

    @Test
    void offWithoutAClientId() {
        assertThat(clientEnabled(Map.of())).isFalse();
        assertThat(clientEnabled(Map.of("ecogov.service.client-id", " "))).isFalse();
    }

    @Test
    void onWithOne() {
        assertThat(clientEnabled(Map.of("ecogov.service.client-id", "emissions-service"))).isTrue();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(clientEnabled(Map.of("ecogov.service.client-id", "emissions-service",
                "quarkus.oidc-client.service.client-enabled", "false"))).isFalse();
    }
}
