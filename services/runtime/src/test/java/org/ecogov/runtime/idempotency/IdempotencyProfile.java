package org.ecogov.runtime.idempotency;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The runtime's fixture with a database (its own migrations and the runtime's) and no events. */
public class IdempotencyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.hibernate-orm.active", "true",
                "quarkus.flyway.active", "true",
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.flyway.locations", "db/migration,db/ecogov-runtime",
                "ecogov.idempotency.retention", "PT1H");
    }
}
