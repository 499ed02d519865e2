package org.ecogov.registry.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ecogov.registry.Database;
import org.ecogov.runtime.audit.AuditChain;
import org.ecogov.runtime.audit.AuditFields;
import org.ecogov.testing.AuditWitnessTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * The audit log is append-only and hash-chained: the table refuses changes, the service's own database role cannot
 * switch that off, and a change made by someone who bypasses it (a superuser disabling the trigger or setting
 * session_replication_role) is found by the verification: an edit by the links, a cut-off end or a rewrite with
 * every later hash recomputed by the checkpoints the witness holds (here the registry witnesses its own chain,
 * AuditWitnessTestResource; the checkpoints go through the real broker). Each tampering test puts the rows back,
 * so the chain is intact again for the other tests.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
// for every test class of the module: the registry always signs its checkpoints and witnesses them itself
@QuarkusTestResource(value = AuditWitnessTestResource.class, initArgs = {
        @ResourceArg(name = AuditWitnessTestResource.CHAIN_ARG, value = "registry"),
        @ResourceArg(name = AuditWitnessTestResource.PREFIX_ARG, value = "/api/v1/registry") })
class AuditLogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void everyWriteIsRecordedWithWhoWhatAndWhy() {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "suspended", "reason", "Odour complaints under investigation"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200);

        as(ADMIN).queryParam("entityId", uscc).get("/api/v1/registry/audit-entries").then().statusCode(200)
                .body("items.action", contains("enterprise-registered", "enterprise-status-changed"))
                .body("items[1].actorAgency", is(EEB))
                .body("items[1].reason", is("Odour complaints under investigation"))
                .body("items[1].beforeDigest", is(org.hamcrest.Matchers.not(nullValue())))
                .body("items[1].previousHash", matchesPattern("[0-9a-f]{64}"));
        JsonPath verification = witnessedVerification();
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
        assertThat(verification.getString("status")).isEqualTo("intact");
        assertThat(verification.getString("firstBrokenSequence")).isNull();
        assertThat(verification.getLong("witnessedSequence")).isEqualTo(verification.getLong("lastSequence"))
                .isEqualTo(Database.queryLong("select max(sequence) from audit_entry"));
    }

    /** Time comes from the runtime's Clock, which a test sets: the answers and the log show the time it set. */
    @Test
    void theTimeOfAChangeIsTheClocksInTheRecordAndInTheLog() {
        ensureWorld();
        String uscc = newUscc();
        java.time.Instant then = java.time.Instant.parse("2031-02-03T04:05:06.123456Z");
        org.ecogov.testing.SettableClock.INSTANCE.set(then);
        try {
            registerEnterprise(EEB_OFFICER, uscc, "Clockwork Smelting Ltd.", TOWN_A).then().statusCode(201)
                    .body("audit.createdAt", is("2031-02-03T04:05:06.123456Z"))
                    .body("audit.updatedAt", is("2031-02-03T04:05:06.123456Z"));
        } finally {
            org.ecogov.testing.SettableClock.INSTANCE.reset();
        }
        as(ADMIN).queryParam("entityId", uscc).get("/api/v1/registry/audit-entries").then().statusCode(200)
                .body("items[0].occurredAt", is("2031-02-03T04:05:06.123456Z"));
        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc).then().statusCode(200)
                .body("audit.createdAt", is("2031-02-03T04:05:06.123456Z"));
    }

    @Test
    void concurrentWritesExtendTheChainOneAtATime() throws Exception {
        ensureWorld();
        long before = Database.count("audit_entry");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String uscc = newUscc();
                writes.add(pool.submit(() -> registerEnterprise(EEB_OFFICER, uscc, "Parallel " + uscc, TOWN_A).statusCode()));
            }
            for (java.util.concurrent.Future<Integer> write : writes) {
                assertThat(write.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Database.count("audit_entry")).isEqualTo(before + 16);
        assertThat(Database.queryLong("select max(sequence) from audit_entry")).isEqualTo(Database.count("audit_entry"));
        assertThat(witnessedVerification().getBoolean("intact")).isTrue();
        // one checkpoint per entry, each kept once
        assertThat(Database.queryLong("select count(*) from audit_witness_checkpoint where chain = 'registry'"))
                .isEqualTo(Database.count("audit_entry"));
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        enterpriseIn(TOWN_A);
        assertThatThrownBy(() -> Database.execute("update audit_entry set reason = 'nothing happened' where sequence = 1"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> Database.execute("delete from audit_entry where sequence = 1"))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void anEditedEntryIsFoundByTheVerification() {
        String uscc = enterpriseIn(TOWN_A);
        long target = Database.queryLong("select max(sequence) from audit_entry where entity_id = '" + uscc + "'");
        long total = Database.count("audit_entry");
        String original = Database.queryString("select actor_subject from audit_entry where sequence = " + target);
        try {
            Database.execute("alter table audit_entry disable trigger audit_entry_no_update",
                    "update audit_entry set actor_subject = 'someone-else' where sequence = " + target,
                    "alter table audit_entry enable trigger audit_entry_no_update");

            as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200)
                    .body("intact", is(false))
                    .body("status", is("broken"))
                    .body("failure", is("altered"))
                    .body("firstBrokenSequence", is((int) target))
                    .body("checkedEntries", is((int) target - 1))
                    .body("problem", containsString("altered"));
        } finally {
            Database.execute("alter table audit_entry disable trigger audit_entry_no_update",
                    "update audit_entry set actor_subject = '" + original + "' where sequence = " + target,
                    "alter table audit_entry enable trigger audit_entry_no_update");
        }
        assertThat(witnessedVerification().getLong("checkedEntries")).isGreaterThanOrEqualTo(total);
    }

    @Test
    void aRemovedEntryIsFoundByTheVerification() {
        String uscc = enterpriseIn(TOWN_A);
        long target = Database.queryLong("select max(sequence) from audit_entry where entity_id = '" + uscc + "'");
        enterpriseIn(TOWN_A); // so the removed entry is not the last one
        try {
            Database.execute("create table removed_audit as select * from audit_entry where sequence = " + target,
                    "alter table audit_entry disable trigger audit_entry_no_update",
                    "delete from audit_entry where sequence = " + target,
                    "alter table audit_entry enable trigger audit_entry_no_update");

            as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200)
                    .body("intact", is(false))
                    .body("failure", is("gap"))
                    .body("firstBrokenSequence", is((int) target));
        } finally {
            Database.execute("insert into audit_entry select * from removed_audit", "drop table removed_audit");
        }
        assertThat(witnessedVerification().getBoolean("intact")).isTrue();
        assertThat(Database.queryLong("select count(*) from audit_entry where sequence = " + target)).isEqualTo(1);
    }

    /**
     * The tail deleted behind the service's back, with the triggers out of the way (a superuser's
     * session_replication_role=replica): the links of what is left check out, but the witness holds checkpoints of
     * the entries that are gone.
     */
    @Test
    void aTruncatedTailIsReportedWithTheFirstMissingSequence() {
        enterpriseIn(TOWN_A);
        enterpriseIn(TOWN_A);
        enterpriseIn(TOWN_A);
        long head = witnessedVerification().getLong("lastSequence");
        long kept = head - 3;
        try {
            Database.execute("create table cut_audit as select * from audit_entry where sequence > " + kept);
            asSuperuserBypassingTriggers("delete from audit_entry where sequence > " + kept);

            as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200)
                    .body("intact", is(false))
                    .body("status", is("broken"))
                    .body("failure", is("truncated"))
                    .body("firstBrokenSequence", is((int) kept + 1))
                    .body("lastSequence", is((int) kept))
                    .body("witnessedSequence", is((int) head))
                    .body("checkedEntries", is((int) kept))
                    .body("problem", containsString("cut off"));
        } finally {
            Database.execute("insert into audit_entry select * from cut_audit", "drop table cut_audit");
        }
        assertThat(witnessedVerification().getBoolean("intact")).isTrue();
    }

    /**
     * An entry edited and every later hash recomputed, as anyone who can write the database can do: every link checks
     * out, but the hashes from the edited entry on are not the ones the witness holds.
     */
    @Test
    void anEditWithEveryLaterHashRecomputedIsReportedWithTheFirstBadSequence() throws SQLException {
        String uscc = enterpriseIn(TOWN_A);
        long target = Database.queryLong("select max(sequence) from audit_entry where entity_id = '" + uscc + "'");
        enterpriseIn(TOWN_A);
        enterpriseIn(TOWN_A);
        long head = witnessedVerification().getLong("lastSequence");
        List<String[]> original = hashesFrom(target);
        try {
            rewriteFrom(target, "someone-else");
            as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200)
                    .body("intact", is(false))
                    .body("status", is("broken"))
                    .body("failure", is("rewritten"))
                    .body("firstBrokenSequence", is((int) target))
                    .body("checkedEntries", is((int) target - 1))
                    .body("lastSequence", is((int) head))
                    .body("problem", containsString("rewritten"));
        } finally {
            String[] fix = new String[original.size()];
            for (int i = 0; i < original.size(); i++) {
                String[] row = original.get(i);
                fix[i] = "update audit_entry set actor_subject = '" + row[3] + "', previous_hash = '" + row[1]
                        + "', hash = '" + row[2] + "' where sequence = " + row[0];
            }
            asSuperuserBypassingTriggers(fix);
        }
        assertThat(witnessedVerification().getBoolean("intact")).isTrue();
    }

    /** Before the fix the service connected as the superuser: it could do all of this. */
    @Test
    void theServicesOwnDatabaseRoleCannotSwitchTheTriggersOffNorBypassThem() throws SQLException {
        enterpriseIn(TOWN_A);
        try (Connection service = PostgresTestResource.serviceDataSource().getConnection();
                Statement statement = service.createStatement()) {
            String self;
            try (ResultSet role = statement.executeQuery("select current_user, current_database(), rolsuper,"
                    + " rolreplication, rolbypassrls from pg_roles where rolname = current_user")) {
                role.next();
                self = role.getString(1);
                assertThat(self).isEqualTo(role.getString(2) + PostgresTestResource.SERVICE_ROLE_SUFFIX);
                assertThat(role.getBoolean(3) || role.getBoolean(4) || role.getBoolean(5)).isFalse();
            }
            for (String table : List.of("audit_entry", "audit_witness_checkpoint")) {
                String trigger = table.equals("audit_entry") ? "audit_entry_no_update" : "audit_witness_no_update";
                assertThatThrownBy(() -> statement.execute("alter table " + table + " disable trigger " + trigger))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("alter table " + table + " disable trigger all"))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("drop trigger " + trigger + " on " + table))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("update " + table + " set hash = hash"))
                        .hasMessageContaining("append-only");
                assertThatThrownBy(() -> statement.execute("delete from " + table))
                        .hasMessageContaining("append-only");
                assertThatThrownBy(() -> statement.execute("truncate " + table))
                        .hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> statement.execute("set session_replication_role = replica"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("alter role " + self + " superuser"))
                    .hasMessageContaining("permission denied");
        }
        // and the service itself connects as that role: its own sessions are the only ones besides this test's
        try (Connection superuser = PostgresTestResource.dataSource().getConnection();
                Statement statement = superuser.createStatement();
                ResultSet users = statement.executeQuery("select distinct usename from pg_stat_activity"
                        + " where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            List<String> names = new ArrayList<>();
            while (users.next()) {
                names.add(users.getString(1));
            }
            String database = PostgresTestResource.jdbcUrl().substring(PostgresTestResource.jdbcUrl().lastIndexOf('/') + 1);
            assertThat(names).containsExactly(database + PostgresTestResource.SERVICE_ROLE_SUFFIX);
        }
    }

    /** The verification once the witness holds a checkpoint of every entry (they travel through the broker). */
    static JsonPath witnessedVerification() {
        return await().atMost(PATIENCE).until(
                () -> as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200).extract().jsonPath(),
                answer -> answer.get("witnessedSequence") != null
                        && answer.getLong("witnessedSequence") == answer.getLong("lastSequence"));
    }

    private static void asSuperuserBypassingTriggers(String... statements) {
        List<String> all = new ArrayList<>();
        all.add("set session_replication_role = replica");
        all.addAll(List.of(statements));
        all.add("set session_replication_role = origin");
        Database.execute(all.toArray(String[]::new));
    }

    /** sequence, previous hash, hash and actor of every entry from {@code from} on. */
    private static List<String[]> hashesFrom(long from) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select sequence, previous_hash, hash, actor_subject"
                        + " from audit_entry where sequence >= ? order by sequence")) {
            s.setLong(1, from);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
                }
            }
        }
        return rows;
    }

    /** What an attacker with the database does: edits the entry, then recomputes its hash and every later link. */
    private static void rewriteFrom(long target, String actor) throws SQLException {
        List<String> updates = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select sequence, occurred_at, actor_subject, actor_agency,"
                        + " client_id, action, entity_type, entity_id, before_digest, after_digest, reason, previous_hash"
                        + " from audit_entry where sequence >= ? order by sequence")) {
            s.setLong(1, target);
            try (ResultSet r = s.executeQuery()) {
                String previous = null;
                while (r.next()) {
                    long sequence = r.getLong(1);
                    String subject = sequence == target ? actor : r.getString(3);
                    AuditFields fields = new AuditFields(sequence, r.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                            subject, r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10), r.getString(11));
                    String previousHash = previous == null ? r.getString(12) : previous;
                    String hash = AuditChain.link(previousHash, fields);
                    updates.add("update audit_entry set actor_subject = '" + subject + "', previous_hash = '" + previousHash
                            + "', hash = '" + hash + "' where sequence = " + sequence);
                    previous = hash;
                }
            }
        }
        asSuperuserBypassingTriggers(updates.toArray(String[]::new));
    }
}
