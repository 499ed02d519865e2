package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit chains anchored across the real processes, through the real broker: the registry's checkpoints reach the
 * gateway's witness and the gateway's reach the registry's, each party's verification (through the gateway, with a
 * platform-admin's real token) asks its witness, and a chain whose tail is deleted in its own database, with the
 * triggers bypassed by a superuser, is reported truncated from the first missing entry.
 */
class AuditWitnessSystemTest extends ThroughTheGateway {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theRegistrysCheckpointsReachTheGatewayAndItsVerificationAgreesWithThem() throws Exception {
        String admin = stack.admin.get();
        // a write through the door: one more audit entry of the registry, one more checkpoint on its way
        Reply agency = gateway("POST", "/api/v1/agencies", bearer(admin), Map.of("code", "AUDIT-" + System.nanoTime() % 100000,
                "details", Map.of("name", "Witnessed Agency", "kind", "other", "jurisdiction", "341702")));
        assertThat(agency.status()).as(agency.text()).isEqualTo(201);

        JsonNode verification = witnessed("/api/v1/registry/audit-entries/verification", admin);
        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("intact");
        long head = verification.get("lastSequence").asLong();
        assertThat(head).isGreaterThan(10); // the demo park, loaded through the gateway

        // what the gateway witnessed is what the registry holds: its last entry's sequence number and hash
        Reply witnessed = gateway("GET", "/api/v1/gateway/audit-checkpoints/registry/head", bearer(admin));
        assertThat(witnessed.status()).as(witnessed.text()).isEqualTo(200);
        assertThat(witnessed.json().get("sequence").asLong()).isEqualTo(head);
        assertThat(witnessed.json().get("hash").asText()).isEqualTo(queryText("registry",
                "select hash from audit_entry where sequence = " + head));
        // from the first entry on: the witness's queue was there before the registry's first write
        Reply first = gateway("GET", "/api/v1/gateway/audit-checkpoints/registry?limit=1", bearer(admin));
        assertThat(first.json().get("items").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(query("gateway", "select count(*) from audit_witness_checkpoint where chain = 'registry'")).isEqualTo(head);
    }

    @Test
    void theGatewaysCheckpointsReachTheRegistryAndItsVerificationAgreesWithThem() throws Exception {
        String admin = stack.admin.get();
        issue("WITNESSED", List.of("registry:read"), 60);

        JsonNode verification = witnessed("/api/v1/gateway/audit-entries/verification", admin);
        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("intact");
        long head = verification.get("lastSequence").asLong();
        Reply witnessed = gateway("GET", "/api/v1/registry/audit-checkpoints/gateway/head", bearer(admin));
        assertThat(witnessed.status()).as(witnessed.text()).isEqualTo(200);
        assertThat(witnessed.json().get("sequence").asLong()).isEqualTo(head);
        assertThat(witnessed.json().get("hash").asText()).isEqualTo(queryText("gateway",
                "select hash from audit_entry where sequence = " + head));
    }

    @Test
    void theRegistrysTailDeletedInItsOwnDatabaseIsReportedTruncated() throws Exception {
        String admin = stack.admin.get();
        for (int i = 0; i < 2; i++) {
            Reply agency = gateway("POST", "/api/v1/agencies", bearer(admin), Map.of("code", "CUT-" + System.nanoTime() % 100000,
                    "details", Map.of("name", "Soon Forgotten Agency", "kind", "other", "jurisdiction", "341702")));
            assertThat(agency.status()).as(agency.text()).isEqualTo(201);
        }
        long head = witnessed("/api/v1/registry/audit-entries/verification", admin).get("lastSequence").asLong();
        try (Connection registry = stack.database.connect("registry"); Statement statement = registry.createStatement()) {
            statement.execute("create table cut_audit as select * from audit_entry where sequence > " + (head - 2));
            statement.execute("set session_replication_role = replica");
            statement.execute("delete from audit_entry where sequence > " + (head - 2));
            statement.execute("set session_replication_role = origin");
            try {
                Reply broken = gateway("GET", "/api/v1/registry/audit-entries/verification", bearer(admin));
                assertThat(broken.status()).as(broken.text()).isEqualTo(200);
                assertThat(broken.json().get("intact").asBoolean()).isFalse();
                assertThat(broken.json().get("failure").asText()).isEqualTo("truncated");
                assertThat(broken.json().get("firstBrokenSequence").asLong()).isEqualTo(head - 1);
                assertThat(broken.json().get("witnessedSequence").asLong()).isEqualTo(head);
            } finally {
                statement.execute("insert into audit_entry select * from cut_audit");
                statement.execute("drop table cut_audit");
            }
        }
        assertThat(witnessed("/api/v1/registry/audit-entries/verification", admin).get("status").asText()).isEqualTo("intact");
    }

    /** The verification once the witness holds the checkpoint of every entry (they travel through the broker). */
    private static JsonNode witnessed(String path, String admin) throws Exception {
        Reply reply = eventually(PATIENCE, () -> gateway("GET", path, bearer(admin)), answer -> answer.status() == 200
                && answer.json().has("witnessedSequence")
                && answer.json().get("witnessedSequence").asLong() == answer.json().get("lastSequence").asLong());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().has("witnessedSequence")).as(reply.text()).isTrue();
        assertThat(reply.json().get("witnessedSequence").asLong()).as(reply.text())
                .isEqualTo(reply.json().get("lastSequence").asLong());
        return reply.json();
    }

    private static long query(String database, String sql) throws Exception {
        return Long.parseLong(queryText(database, sql));
    }

    private static String queryText(String database, String sql) throws Exception {
        try (Connection connection = stack.database.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
