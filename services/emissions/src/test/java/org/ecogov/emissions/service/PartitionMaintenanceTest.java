package org.ecogov.emissions.service;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.ecogov.emissions.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The measurement table's monthly partitions are there before any value needs them: the whole accepted window and
 * the months ahead at start, the next month once the clock moves on; values on either side of a month boundary
 * land in their own month, and the table refuses a time no partition holds.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class PartitionMaintenanceTest {

    @Inject
    PartitionMaintenance maintenance;

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void theAcceptedWindowAndThreeMonthsAheadArePartitionedAtStart() {
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        for (LocalDate month = thisMonth.minusMonths(25); !month.isAfter(thisMonth.plusMonths(3)); month = month.plusMonths(1)) {
            assertThat(partitionExists(month)).as(month.toString()).isTrue();
        }
    }

    @Test
    void aMonthLaterTheNextMonthIsMadeAndNothingIsMadeTwice() {
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        assertThat(partitionExists(thisMonth.plusMonths(4))).isFalse();
        SettableClock.INSTANCE.set(thisMonth.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        int made = maintenance.ensure().await().indefinitely();

        assertThat(partitionExists(thisMonth.plusMonths(4))).isTrue();
        assertThat(made).isEqualTo(1);
        assertThat(maintenance.ensure().await().indefinitely()).isZero();
    }

    @Test
    void aValueOnEachSideOfAMonthBoundaryLandsInItsOwnMonth() {
        LocalDate nextMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        Instant boundary = nextMonth.atStartOfDay(ZoneOffset.UTC).toInstant();
        insert("DA901", boundary.minusNanos(1000));
        insert("DA901", boundary);

        assertThat(Database.queryString("select tableoid::regclass::text from measurement where outlet_code = 'DA901'"
                + " and measured_at = '" + boundary.minusNanos(1000) + "'")).isEqualTo(partitionName(nextMonth.minusMonths(1)));
        assertThat(Database.queryString("select tableoid::regclass::text from measurement where outlet_code = 'DA901'"
                + " and measured_at = '" + boundary + "'")).isEqualTo(partitionName(nextMonth));
    }

    @Test
    void aTimeNoPartitionHoldsIsRefusedByTheTable() {
        LocalDate farAhead = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusYears(5);
        assertThatThrownBy(() -> insert("DA902", farAhead.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .hasStackTraceContaining("no partition of relation \"measurement\" found for row");
    }

    @Test
    void onlyTheServicesOwnRoleMayRunThePartitionMakingFunction() throws Exception {
        String first = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).toString();
        try (var connection = PostgresTestResource.serviceDataSource().getConnection();
                var statement = connection.createStatement();
                var made = statement.executeQuery("select emissions_ensure_partitions(date '" + first + "', date '"
                        + first + "')")) {
            assertThat(made.next()).isTrue();
            assertThat(made.getInt(1)).as("the month exists already").isZero();
        }
        assertThat(Database.queryLong("select count(*) from information_schema.routine_privileges where"
                + " routine_name = 'emissions_ensure_partitions' and grantee = 'PUBLIC'")).isZero();
        Database.execute("create role emissions_stranger nologin", "grant usage on schema public to emissions_stranger");
        try {
            assertThatThrownBy(() -> Database.execute("set role emissions_stranger",
                    "select emissions_ensure_partitions(date '" + first + "', date '" + first + "')"))
                    .hasStackTraceContaining("permission denied for function emissions_ensure_partitions");
        } finally {
            Database.execute("revoke usage on schema public from emissions_stranger", "drop role emissions_stranger");
        }
    }

    private static void insert(String outlet, Instant at) {
        Database.execute("insert into measurement (uscc, outlet_code, pollutant, kind, measured_at, avg_value, flag,"
                + " batch_id, received_at) values ('91341702669392367N', '" + outlet + "', 'a21026', 'hourly', '" + at
                + "', 1.5, 'N', gen_random_uuid(), now())");
    }

    private static boolean partitionExists(LocalDate month) {
        return Database.queryLong("select count(*) from pg_class where relname = '" + partitionName(month) + "'") == 1;
    }

    private static String partitionName(LocalDate month) {
        return String.format("measurement_y%04dm%02d", month.getYear(), month.getMonthValue());
    }
}
