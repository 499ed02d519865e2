package org.ecogov.runtime.events;

import java.util.Map;

import org.ecogov.testing.AuditWitnessTestResource;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The runtime's fixture as a service that publishes and consumes events: the events beans built in (a build-time
 * switch, so these tests run in an application of their own), a database with the runtime's migrations and the
 * fixture's, a consumer queue on the event address, and the audit witness of a chain signed with the test key.
 */
public class EventsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("ecogov.events.enabled", "true"),
                Map.entry("ecogov.events.source", "urn:ecogov:runtime-fixture"),
                Map.entry("ecogov.events.relay.interval", "500ms"),
                Map.entry("ecogov.events.relay.publish-timeout", "1s"),
                Map.entry("ecogov.events.consumer.max-attempts", "3"),
                Map.entry("ecogov.events.metrics-interval", "300ms"),
                Map.entry("ecogov.events.consumer.initial-backoff", "50ms"),
                Map.entry("ecogov.events.consumer.max-backoff", "200ms"),
                Map.entry("quarkus.hibernate-orm.active", "true"),
                Map.entry("quarkus.datasource.db-kind", "postgresql"),
                Map.entry("quarkus.flyway.active", "true"),
                Map.entry("quarkus.flyway.migrate-at-start", "true"),
                Map.entry("quarkus.flyway.locations", "db/migration,db/ecogov-runtime"),
                Map.entry("mp.messaging.outgoing.ecogov-events.reconnect-interval", "1"),
                Map.entry("mp.messaging.incoming.fixture-events.connector", "smallrye-amqp"),
                Map.entry("mp.messaging.incoming.fixture-events.address", "ecogov.events::runtime-fixture"),
                Map.entry("mp.messaging.incoming.fixture-events.durable", "true"),
                Map.entry("mp.messaging.incoming.fixture-events.cloud-events", "false"),
                Map.entry("mp.messaging.incoming.fixture-events.reconnect-attempts", "2147483647"),
                Map.entry("mp.messaging.incoming.fixture-events.reconnect-interval", "1"),
                Map.entry("mp.messaging.outgoing.fixture-raw.connector", "smallrye-amqp"),
                Map.entry("mp.messaging.outgoing.fixture-raw.address", "ecogov.events"),
                Map.entry("mp.messaging.outgoing.fixture-raw.capabilities", "topic"),
                // the audit witness (services/runtime "Audit log"), of a chain "elsewhere" signed with the test key
                Map.entry("ecogov.audit.witness.enabled", "true"),
                Map.entry("ecogov.audit.chain", "runtime-fixture"),
                Map.entry("ecogov.audit.witness.chains.elsewhere.public-keys", AuditWitnessTestResource.publicKeyBase64()),
                Map.entry("mp.messaging.incoming.ecogov-audit-witness.reconnect-interval", "1"));
    }
}
