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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;

/**
 * Every value an ingest stores is judged against the copy's limit in force at its time: each rule of issue 10's
 * exceedances and data gaps, on a real PostgreSQL, with the events they leave in the outbox.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ExceedanceTest {

    @Inject
    SilenceWatch silence;

    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    private static void send(String uscc, String... lines) {
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(String.join("", lines).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/" + UUID.randomUUID())
                .then().statusCode(201);
    }

    private static String so2(String kind, int hour, double avg, String flag) {
        return "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"" + kind + "\",\"time\":\""
                + HOUR.plus(Duration.ofHours(hour)) + "\",\"avg\":" + avg + ",\"flag\":\"" + flag + "\"}\n";
    }

    private static String exceedances(String uscc) {
        return Database.queryString("select coalesce(string_agg(kind || ' ' || status || ' ' || periods || ' max ' || max_value"
                + " || ' limit ' || limit_value || ' ratio ' || max_ratio, '; ' order by id), '') from exceedance"
                + " where uscc = '" + uscc + "'");
    }

    private static String events(String uscc) {
        return Database.queryString("select coalesce(string_agg(substring(type from 22), ',' order by position), '')"
                + " from event_outbox where subject like 'enterprises/" + uscc + "/%'");
    }

    private static final String BASE = "https://ecogov.org/events/";

    @Test
    void everyEventTheServiceWritesValidatesAgainstItsSchemas() throws Exception {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 120, "N"));
        send(uscc, so2("hourly", 1, 130, "N"), so2("hourly", 2, 500, "C"));
        send(uscc, so2("hourly", 3, 90, "N"));
        SettableClock.INSTANCE.set(Instant.now().plus(Duration.ofHours(7)));
        silence.check().await().indefinitely();
        send(uscc, so2("hourly", 4, 90, "N"));

        io.vertx.json.schema.SchemaRepository schemas = io.vertx.json.schema.SchemaRepository.create(
                new io.vertx.json.schema.JsonSchemaOptions().setDraft(io.vertx.json.schema.Draft.DRAFT202012)
                        .setBaseUri(BASE));
        java.nio.file.Path events = org.ecogov.testing.Contracts.root().resolve("api-specs/events");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(events)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                schemas.dereference(BASE + events.relativize(file).toString().replace('\\', '/'),
                        io.vertx.json.schema.JsonSchema.of(new io.vertx.core.json.JsonObject(java.nio.file.Files.readString(file))));
            }
        }
        java.util.List<String> types = new java.util.ArrayList<>();
        try (java.sql.Connection c = PostgresTestResource.dataSource().getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("select type, envelope from event_outbox where subject like"
                        + " 'enterprises/" + uscc + "/%' order by position")) {
            while (rs.next()) {
                io.vertx.core.json.JsonObject envelope = new io.vertx.core.json.JsonObject(rs.getString(2));
                types.add(rs.getString(1));
                assertThat(schemas.validator(BASE + "cloudevent.schema.json").validate(envelope).getValid())
                        .as(rs.getString(1) + " envelope").isTrue();
                String name = rs.getString(1).substring("org.ecogov.".length()).replaceFirst("\\.", "/") + ".json";
                io.vertx.json.schema.OutputUnit data = schemas.validator(BASE + name).validate(envelope.getJsonObject("data"));
                assertThat(data.getValid()).as(rs.getString(1) + " data: " + data.getErrors()).isTrue();
            }
        }
        assertThat(types).containsExactly("org.ecogov.emissions.exceedance.opened.v1",
                "org.ecogov.emissions.exceedance.extended.v1", "org.ecogov.emissions.data-gap.opened.v1",
                "org.ecogov.emissions.exceedance.closed.v1", "org.ecogov.emissions.data-gap.closed.v1",
                "org.ecogov.emissions.data-gap.opened.v1", "org.ecogov.emissions.data-gap.closed.v1");
    }

    @Test
    void aValueExactlyAtTheLimitIsNoExceedanceAndOneAboveItIs() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 100, "N"), so2("daily", 0, 100, "N"));
        assertThat(exceedances(uscc)).isEmpty();

        send(uscc, so2("hourly", 1, 100.01, "N"), so2("daily", 24, 100.5, "N"));
        assertThat(exceedances(uscc)).isEqualTo("hourly open 1 max 100.01 limit 100 ratio 1.0001; "
                + "daily open 1 max 100.5 limit 100 ratio 1.005");
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1,exceedance.opened.v1");
    }

    @Test
    void consecutiveExceedingPeriodsExtendOneExceedanceAndAValueBackUnderTheLimitClosesIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 120, "N"));
        send(uscc, so2("hourly", 1, 150, "N"), so2("hourly", 2, 130, "N"));
        assertThat(exceedances(uscc)).isEqualTo("hourly open 3 max 150 limit 100 ratio 1.5");
        send(uscc, so2("hourly", 3, 90, "N"));

        assertThat(exceedances(uscc)).isEqualTo("hourly closed 3 max 150 limit 100 ratio 1.5");
        assertThat(Database.queryString("select string_agg(value::text, ',' order by period) from exceedance_value v"
                + " join exceedance e on e.id = v.exceedance_id where e.uscc = '" + uscc + "'")).isEqualTo("120,150,130");
        assertThat(Database.queryString("select first_period || ' ' || last_period || ' ' || closed_by from exceedance"
                + " where uscc = '" + uscc + "'")).isNotBlank();
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1,exceedance.extended.v1,exceedance.closed.v1");
        // a later exceeding hour starts a new one
        send(uscc, so2("hourly", 5, 101, "N"));
        assertThat(Database.queryLong("select count(*) from exceedance where uscc = '" + uscc + "'")).isEqualTo(2);
    }

    @Test
    void flaggedValuesNeverOpenAnExceedanceButCountAsADataGapThatANormalValueCloses() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 500, "M"), so2("hourly", 1, 500, "C"), so2("hourly", 2, 500, "D"));

        assertThat(exceedances(uscc)).isEmpty();
        assertThat(Database.queryString("select reason || ' ' || flag || ' ' || periods || ' ' || status from data_gap"
                + " where uscc = '" + uscc + "'")).isEqualTo("flagged M 3 open");

        send(uscc, so2("hourly", 3, 50, "N"));
        assertThat(Database.queryString("select status from data_gap where uscc = '" + uscc + "'")).isEqualTo("closed");
        assertThat(events(uscc)).isEqualTo("data-gap.opened.v1,data-gap.closed.v1");
        // stopped, manual, over range, communication failure: stored, not judged
        send(uscc, so2("hourly", 4, 900, "F"), so2("hourly", 5, 900, "S"), so2("hourly", 6, 900, "T"),
                so2("hourly", 7, 900, "B"));
        assertThat(exceedances(uscc)).isEmpty();
    }

    @Test
    void anOutletSilentLongerThanAllowedGetsADataGapAndItsNextValueClosesIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        send(uscc, so2("hourly", 0, 10, "N"));
        assertThat(silence.check().await().indefinitely()).as("nobody silent yet for this enterprise")
                .isGreaterThanOrEqualTo(0);
        assertThat(Database.queryLong("select count(*) from data_gap where uscc = '" + uscc + "'")).isZero();

        SettableClock.INSTANCE.set(Instant.now().plus(Duration.ofHours(7)));
        silence.check().await().indefinitely();
        assertThat(Database.queryString("select string_agg(outlet_code || ' ' || reason || ' ' || status, ', '"
                + " order by outlet_code) from data_gap where uscc = '" + uscc + "'"))
                .isEqualTo("DA001 silent open, DA002 silent open");
        silence.check().await().indefinitely();
        assertThat(Database.queryLong("select count(*) from data_gap where uscc = '" + uscc + "'")).as("once").isEqualTo(2);

        send(uscc, so2("hourly", 1, 10, "N"));
        assertThat(Database.queryString("select string_agg(outlet_code || ' ' || status, ', ' order by outlet_code)"
                + " from data_gap where uscc = '" + uscc + "'")).isEqualTo("DA001 closed, DA002 open");
        assertThat(events(uscc)).isEqualTo("data-gap.opened.v1,data-gap.opened.v1,data-gap.closed.v1");
    }

    private static String periods(String uscc) {
        return Database.queryString("select coalesce(string_agg(kind || ' ' || status || ' ' || periods || ' from '"
                + " || (extract(epoch from first_period - '" + HOUR + "'::timestamptz))::int / 3600 || ' to '"
                + " || (extract(epoch from last_period - '" + HOUR + "'::timestamptz))::int / 3600 || coalesce(' closed by '"
                + " || (extract(epoch from closed_by - '" + HOUR + "'::timestamptz))::int / 3600, ''), '; ' order by first_period),"
                + " '') from exceedance where uscc = '" + uscc + "'");
    }

    @Test
    void aDailyValueIsJudgedForItsWholeDayInTheAgencysZoneApartFromTheHourlyOnes() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        // the UTC day's midnight is 08:00 in Asia/Shanghai; its 20:00 is 04:00 of the next day there
        Instant day = HOUR.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant evening = day.plus(Duration.ofHours(20));
        send(uscc, "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"daily\",\"time\":\"" + day
                + "\",\"avg\":100,\"flag\":\"N\"}\n");
        assertThat(exceedances(uscc)).as("exactly at the limit").isEmpty();
        send(uscc, "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"daily\",\"time\":\"" + evening
                + "\",\"avg\":130,\"flag\":\"N\"}\n");
        assertThat(exceedances(uscc)).isEqualTo("daily open 1 max 130 limit 100 ratio 1.3");
        assertThat(Database.queryLong("select count(*) from exceedance where uscc = '" + uscc + "' and first_period = '"
                + day.plus(Duration.ofHours(16)) + "' and last_period = first_period")).as("the Shanghai day's start")
                .isEqualTo(1);
        assertThat(Database.queryLong("select count(*) from exceedance_value v join exceedance e on e.id = v.exceedance_id"
                + " where e.uscc = '" + uscc + "' and v.period = '" + day.plus(Duration.ofHours(16)) + "'")).isEqualTo(1);
        // the hourly values of the same day are a series of their own: an exceeding hour opens its own exceedance and
        // an hour inside the limit closes it, leaving the daily one open
        send(uscc, "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"hourly\",\"time\":\"" + evening
                + "\",\"avg\":150,\"flag\":\"N\"}\n");
        send(uscc, "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"hourly\",\"time\":\""
                + evening.plus(Duration.ofHours(1)) + "\",\"avg\":50,\"flag\":\"N\"}\n");
        assertThat(exceedances(uscc)).isEqualTo("daily open 1 max 130 limit 100 ratio 1.3; "
                + "hourly closed 1 max 150 limit 100 ratio 1.5");
        // the next day inside the limit closes the daily one
        send(uscc, "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"daily\",\"time\":\""
                + day.plus(Duration.ofHours(40)) + "\",\"avg\":60,\"flag\":\"N\"}\n");
        assertThat(exceedances(uscc)).isEqualTo("daily closed 1 max 130 limit 100 ratio 1.3; "
                + "hourly closed 1 max 150 limit 100 ratio 1.5");
    }

    @Test
    void flaggedDailyValuesAreADataGapNeverAnExceedance() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("daily", 0, 900, "M"), so2("daily", 24, 900, "C"), so2("daily", 48, 900, "D"));
        assertThat(exceedances(uscc)).isEmpty();
        assertThat(Database.queryString("select kind || ' ' || reason || ' ' || flag || ' ' || periods || ' ' || status"
                + " from data_gap where uscc = '" + uscc + "'")).isEqualTo("daily flagged M 3 open");
    }

    @Test
    void aLateExceedingHourBetweenTwoExceedingHoursJoinsTheirExceedance() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 120, "N"), so2("hourly", 2, 130, "N"));
        assertThat(periods(uscc)).isEqualTo("hourly open 2 from 0 to 2");
        send(uscc, so2("hourly", 1, 180, "N"));
        assertThat(periods(uscc)).isEqualTo("hourly open 3 from 0 to 2");
        assertThat(exceedances(uscc)).isEqualTo("hourly open 3 max 180 limit 100 ratio 1.8");
        assertThat(Database.queryString("select string_agg(value::text, ',' order by period) from exceedance_value v"
                + " join exceedance e on e.id = v.exceedance_id where e.uscc = '" + uscc + "'")).isEqualTo("120,180,130");
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1,exceedance.extended.v1");
        // the same late value again (a duplicate, or another value for the held hour): nothing changes
        send(uscc, so2("hourly", 1, 400, "N"));
        assertThat(exceedances(uscc)).isEqualTo("hourly open 3 max 180 limit 100 ratio 1.8");
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1,exceedance.extended.v1");
    }

    @Test
    void lateValuesBeforeAndAfterClosedExceedancesAreJudgedAsInTimeOrderWithoutSplittingOne() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 50, "N"), so2("hourly", 3, 120, "N"), so2("hourly", 4, 120, "N"),
                so2("hourly", 6, 50, "N"), so2("hourly", 10, 50, "N"));
        assertThat(periods(uscc)).isEqualTo("hourly closed 2 from 3 to 4 closed by 6");
        // hour 2 just before it: the exceedance begins earlier; hour 5 before its close: it reaches to it
        send(uscc, so2("hourly", 2, 110, "N"), so2("hourly", 5, 140, "N"));
        assertThat(periods(uscc)).isEqualTo("hourly closed 4 from 2 to 5 closed by 6");
        assertThat(exceedances(uscc)).isEqualTo("hourly closed 4 max 140 limit 100 ratio 1.4");
        // hour 8 between two values inside the limit: an exceedance of its own, closed by hour 10
        send(uscc, so2("hourly", 8, 150, "N"));
        assertThat(periods(uscc)).isEqualTo("hourly closed 4 from 2 to 5 closed by 6; hourly closed 1 from 8 to 8 closed by 10");
        // hour 1 inside the limit before it and a late flagged hour 7: no exceedance changes, the flagged hour is a
        // gap of its own, opened and closed
        send(uscc, so2("hourly", 1, 20, "N"), so2("hourly", 7, 500, "M"));
        assertThat(periods(uscc)).isEqualTo("hourly closed 4 from 2 to 5 closed by 6; hourly closed 1 from 8 to 8 closed by 10");
        assertThat(Database.queryString("select reason || ' ' || flag || ' ' || periods || ' ' || status from data_gap"
                + " where uscc = '" + uscc + "'")).isEqualTo("flagged M 1 closed");
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1,exceedance.closed.v1,exceedance.extended.v1,"
                + "exceedance.extended.v1,exceedance.opened.v1,exceedance.closed.v1,data-gap.opened.v1,data-gap.closed.v1");
    }

    @Test
    void aLateValueInsideTheLimitBetweenTwoExceedingHoursLeavesTheExceedanceWhole() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, so2("hourly", 0, 120, "N"), so2("hourly", 2, 130, "N"));
        send(uscc, so2("hourly", 1, 60, "N"));
        assertThat(periods(uscc)).as("not split").isEqualTo("hourly open 2 from 0 to 2");
        assertThat(events(uscc)).isEqualTo("exceedance.opened.v1");
    }
}
