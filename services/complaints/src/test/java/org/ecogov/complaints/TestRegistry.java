package org.ecogov.complaints;

import org.ecogov.testing.RegistryTestResource;

/**
 * The real registry behind the complaints service in its tests (services/testing {@link RegistryTestResource}),
 * loaded with {@code registry-seed.json}: the Guichi divisions, the agencies complaints are routed and transferred to,
 * the responsibility matrix intake asks, and one enterprise in Wusha Town. The service reaches it through its
 * generated client with its own identity (the realm client complaints-service, role registry-reader).
 */
public class TestRegistry extends RegistryTestResource {

    @Override
    protected String defaultSeed() {
        return "/registry-seed.json";
    }
}
