package org.ecogov.enforcement;

import java.util.Map;

import org.ecogov.testing.RegistryTestResource;

/**
 * The real registry behind the enforcement service in its tests (services/testing {@link RegistryTestResource}),
 * loaded with {@code registry-seed.json} (the divisions down to Guichi District); a test adds its own town and
 * enterprises through {@link RegistryTestResource#seed()}. The service reads a plan's pool from it through its
 * generated client with its own identity (the realm client enforcement-service, role registry-reader).
 */
public class TestRegistry extends RegistryTestResource {

    public static final String SERVICE_CLIENT = "enforcement-service";

    @Override
    protected String defaultSeed() {
        return "/registry-seed.json";
    }

    @Override
    protected Map<String, String> serviceConfig() {
        return Map.of(
                // the test profile has no identity of its own (application.properties); this test gives it one
                "ecogov.service.client-id", SERVICE_CLIENT);
    }
}
