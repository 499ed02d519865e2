package org.ecogov.runtime.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DefaultValuesConfigSource;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Switches the {@value GatewayTokens#TENANT} OIDC tenant on exactly when {@value GatewayTokens#PUBLIC_KEY_PROPERTY}
 * is set. Without a key the tenant would have nothing to verify with and quarkus-oidc would refuse to start;
 * switched off, the service starts and accepts the realm's tokens only. An explicit
 * {@code quarkus.oidc.gateway.tenant-enabled} still wins; quarkus-oidc's own default ({@code true}, which Quarkus
 * serves from its default-values source) does not.
 * <p>
 * A config interceptor rather than a property because configuration expressions cannot test whether a value is
 * set; registered through {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}, which Quarkus
 * reads from every jar of the application.
 */
@Priority(Priorities.APPLICATION)
public class GatewayTenantSwitch implements ConfigSourceInterceptor {

    static final String TENANT_ENABLED = "quarkus.oidc." + GatewayTokens.TENANT + ".tenant-enabled";

    private static final long serialVersionUID = 1L;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!TENANT_ENABLED.equals(name) || isExplicit(value)) {
            return value;
        }
        ConfigValue key = context.proceed(GatewayTokens.PUBLIC_KEY_PROPERTY);
        boolean configured = key != null && key.getValue() != null && !key.getValue().isBlank();
        return ConfigValue.builder()
                .withName(name)
                .withValue(Boolean.toString(configured))
                .withConfigSourceName(getClass().getSimpleName() + " (" + GatewayTokens.PUBLIC_KEY_PROPERTY
                        + (configured ? " set)" : " not set)"))
                .build();
    }

    private static boolean isExplicit(ConfigValue value) {
        return value != null && value.getConfigSourceOrdinal() != DefaultValuesConfigSource.ORDINAL;
    }
}
