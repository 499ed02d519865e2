package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The gateway tenant is on exactly when its key is configured, as the configuration finally resolves it. */
class GatewayTenantSwitchTest {

    private static boolean tenantEnabled(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("quarkus.oidc.gateway.public-key", "${ecogov.gateway.public-key:}");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new GatewayTenantSwitch())
                .withProfile("prod")
                // as Quarkus does: the mapping's defaults in the default-values source, quarkus-oidc's being true
                .withDefaultValue(GatewayTenantSwitch.TENANT_ENABLED, "true")
                .withSources(new PropertiesConfigSource(all, "test", 250))
                .build();
        return config.getValue(GatewayTenantSwitch.TENANT_ENABLED, Boolean.class);
    }

    @Test
    void offWithoutAKey() {
        assertThat(tenantEnabled(Map.of())).isFalse();
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", ""))).isFalse();
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", "   "))).isFalse();
    }

    @Test
    void onWithAKey() {
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", "MIIBIjANBg"))).isTrue();
    }

    @Test
    void theKeyIsReadAsTheProfileAndExpressionsMakeIt() {
        assertThat(tenantEnabled(Map.of("%prod.ecogov.gateway.public-key", "MIIBIjANBg"))).isTrue();
        assertThat(tenantEnabled(Map.of("%dev.ecogov.gateway.public-key", "MIIBIjANBg"))).isFalse();
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", "${gateway.key:}"))).isFalse();
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", "${gateway.key:}", "gateway.key", "MIIB")))
                .isTrue();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(tenantEnabled(Map.of("ecogov.gateway.public-key", "MIIBIjANBg",
                "quarkus.oidc.gateway.tenant-enabled", "false"))).isFalse();
    }
}
