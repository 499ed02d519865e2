package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * The audit log is append-only and hash-chained: the table refuses changes, and a change made by
 * someone who bypasses that (a superuser disabling the trigger) is found by the verification.
 * Each tampering test puts the row back, so the chain is intact again for the other tests.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class AuditLogTest {

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
        as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().statusCode(200)
                .body("intact", is(true))
                .body("firstBrokenSequence", nullValue());
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
        as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().body("intact", is(true));
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
                    .body("firstBrokenSequence", is((int) target))
                    .body("checkedEntries", is((int) target - 1))
                    .body("problem", containsString("altered"));
        } finally {
            Database.execute("alter table audit_entry disable trigger audit_entry_no_update",
                    "update audit_entry set actor_subject = '" + original + "' where sequence = " + target,
                    "alter table audit_entry enable trigger audit_entry_no_update");
        }
        as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().body("intact", is(true))
                .body("checkedEntries", greaterThanOrEqualTo((int) total));
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
                    .body("firstBrokenSequence", is((int) target + 1));
        } finally {
            Database.execute("insert into audit_entry select * from removed_audit", "drop table removed_audit");
        }
        as(ADMIN).get("/api/v1/registry/audit-entries/verification").then().body("intact", is(true));
        assertThat(Database.queryLong("select count(*) from audit_entry where sequence = " + target)).isEqualTo(1);
    }
}
