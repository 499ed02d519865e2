package org.ecogov.runtime.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.DefaultValuesConfigSource;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Switches the {@value ServiceIdentity#CLIENT} OIDC client on exactly when {@value ServiceIdentity#CLIENT_ID_PROPERTY}
 * is set: a service that was not given a client of its own starts without one (and {@link ServiceIdentity} says so
 * when asked), instead of quarkus-oidc-client refusing to start for want of a client id. An explicit
 * {@code quarkus.oidc-client.service.client-enabled} still wins. A config interceptor for the same reason as
 * {@link GatewayTenantSwitch}: configuration expressions cannot test whether a value is set.
 */
@Priority(Priorities.APPLICATION)
public class ServiceIdentitySwitch implements ConfigSourceInterceptor {

    static final String CLIENT_ENABLED = "quarkus.oidc-client." + ServiceIdentity.CLIENT + ".client-enabled";

    private static final long serialVersionUID = 1L;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!CLIENT_ENABLED.equals(name) || (value != null && value.getConfigSourceOrdinal() != DefaultValuesConfigSource.ORDINAL)) {
            return value;
        }
        ConfigValue clientId = context.proceed(ServiceIdentity.CLIENT_ID_PROPERTY);
        boolean configured = clientId != null && clientId.getValue() != null && !clientId.getValue().isBlank();
        return ConfigValue.builder()
                .withName(name)
                .withValue(Boolean.toString(configured))
                .withConfigSourceName(getClass().getSimpleName() + " (" + ServiceIdentity.CLIENT_ID_PROPERTY
                        + (configured ? " set)" : " not set)"))
                .build();
    }
}
