package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.ecogov.emissions.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * Bulk ingest of monitoring series on a real PostgreSQL: JSON lines and CSV, a batch of 10,000 values, valid rows kept
 * and bad ones listed by row and field, a replayed batch that changes nothing and says so, a batch id reused for other
 * rows, times outside the accepted window refused clearly, a month boundary, and who may send for which enterprise.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class MeasurementIngestTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final String CSV = "text/csv";

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    private static String batches(String uscc) {
        return "/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/";
    }

    private static Response send(String token, String uscc, UUID batch, String type, String body) {
        return given().auth().oauth2(token).contentType(type).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put(batches(uscc) + batch);
    }

    private static String line(String outlet, String pollutant, String kind, Instant time, double avg, String flag) {
        return "{\"outlet\":\"" + outlet + "\",\"pollutant\":\"" + pollutant + "\",\"kind\":\"" + kind + "\",\"time\":\""
                + time + "\",\"avg\":" + avg + ",\"flag\":\"" + flag + "\"}\n";
    }

    private static long stored(String uscc) {
        return Database.queryLong("select count(*) from measurement where uscc = '" + uscc + "'");
    }

    @Test
    void tenThousandValuesInOneBatchAreStoredAndTheReplayedBatchChangesNothingAndSaysSo() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2600));
        StringBuilder body = new StringBuilder();
        for (int h = 0; h < 2500; h++) {
            Instant t = start.plus(Duration.ofHours(h));
            body.append(line("DA001", "a21026", "hourly", t, 20 + h % 50, "N"))
                    .append(line("DA001", "a21002", "hourly", t, 80, "N"))
                    .append(line("DA002", "a21026", "hourly", t, 30, h % 100 == 0 ? "M" : "N"))
                    .append(line("DA002", "a21002", "hourly", t, 90, "N"));
        }
        UUID batch = UUID.randomUUID();

        send(EEB_OFFICER, uscc, batch, NDJSON, body.toString()).then().statusCode(201)
                .body("batchId", is(batch.toString()))
                .body("enterpriseUscc", is(uscc))
                .body("format", is("json-lines"))
                .body("rows", is(10_000)).body("accepted", is(10_000)).body("duplicates", is(0)).body("rejected", is(0))
                .body("replayed", is(false))
                .body("errors", empty());
        assertThat(stored(uscc)).isEqualTo(10_000);
        assertThat(Database.queryLong("select count(*) from measurement where uscc = '" + uscc + "' and flag = 'M'"))
                .isEqualTo(25);
        long audited = Database.count("audit_entry");

        send(EEB_OFFICER, uscc, batch, NDJSON, body.toString()).then().statusCode(200)
                .body("replayed", is(true))
                .body("accepted", is(10_000));
        assertThat(stored(uscc)).isEqualTo(10_000);
        assertThat(Database.count("audit_entry")).as("a replay writes nothing").isEqualTo(audited);
    }

    @Test
    void theSameBatchIdWithOtherRowsIsRefused() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        UUID batch = UUID.randomUUID();
        send(ADMIN, uscc, batch, NDJSON, line("DA001", "a21026", "hourly", t, 10, "N")).then().statusCode(201);

        send(ADMIN, uscc, batch, NDJSON, line("DA001", "a21026", "hourly", t, 11, "N")).then().statusCode(409)
                .body("type", is("/problems/batch-id-reused"));
        assertThat(Database.queryString("select avg_value::text from measurement where uscc = '" + uscc + "'"))
                .isEqualTo("10");
    }

    @Test
    void malformedRowsMixedWithValidOnesAreListedAndTheValidOnesKept() {
        String uscc = copiedEnterprise(TOWN_B, "DW001");
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));
        String csv = "outlet,pollutant,kind,time,avg,min,max,flag\n"
                + "DW001,a21026,hourly," + t + ",12.5,10,15,N\n"                        // 1 valid
                + "DW009,a21026,hourly," + t + ",12.5,,,N\n"                            // 2 unknown outlet
                + "DW001,x99999,hourly," + t + ",12.5,,,N\n"                            // 3 unknown pollutant
                + "DW001,a21026,weekly," + t + ",12.5,,,N\n"                            // 4 unknown kind
                + "DW001,a21026,hourly,2026-01-01 08:00,12.5,,,N\n"                    // 5 no offset
                + "DW001,a21026,hourly," + t.plusSeconds(3600) + ",lots,,,N\n"          // 6 not a number
                + "DW001,a21026,hourly," + t.plusSeconds(3600) + ",20,,,Q\n"            // 7 unknown flag
                + "DW001,a21026,hourly," + t.plusSeconds(3600) + ",20,25,30,N\n"        // 8 avg below min
                + "DW001,a21026,hourly," + t + ",13,,,N\n"                              // 9 repeats row 1
                + "DW001,a21026\n"                                                      // 10 too few cells
                + "DW001,a21002,hourly," + t + ",,,,C\n"                               // 11 no value at all
                + "DW001,a21002,daily," + t.truncatedTo(ChronoUnit.DAYS) + ",150,,,D\n"; // 12 valid (fault)

        Response answer = send(TestTokens.reporter(uscc), uscc, UUID.randomUUID(), CSV, csv);

        answer.then().statusCode(201)
                .body("format", is("csv"))
                .body("rows", is(12)).body("accepted", is(2)).body("rejected", is(10))
                .body("errors.row", contains(2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
                .body("errors.field", contains("outlet", "pollutant", "kind", "time", "avg", "flag", "avg", "time", "",
                        "avg"))
                .body("errors[0].message", containsString("not an outlet of the enterprise"))
                .body("errors[7].message", containsString("as row 1"))
                .body("errorsTruncated", is(false));
        assertThat(stored(uscc)).isEqualTo(2);
        assertThat(Database.queryString("select flag || ' ' || avg_value || ' ' || min_value || ' ' || max_value"
                + " from measurement where uscc = '" + uscc + "' and kind = 'hourly'")).isEqualTo("N 12.5 10 15");
        assertThat(Database.queryString("select flag from measurement where uscc = '" + uscc + "' and kind = 'daily'"))
                .isEqualTo("D");
    }

    @Test
    void aBatchWithoutAValidRowIsRefusedWholeAndItsIdStaysFree() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        UUID batch = UUID.randomUUID();
        send(ADMIN, uscc, batch, NDJSON, "{\"outlet\":\"DA001\"\nnot json\n[1,2]\n").then().statusCode(422)
                .body("type", is("/problems/batch-rejected"))
                .body("errors.field", contains("rows[1]", "rows[2]", "rows[3]"));
        send(ADMIN, uscc, batch, CSV, "outlet,colour\nDA001,red\n").then().statusCode(422)
                .body("errors[0].message", containsString("unknown column 'colour'"));
        assertThat(stored(uscc)).isZero();
        assertThat(Database.queryLong("select count(*) from measurement_batch where batch_id = '" + batch + "'")).isZero();

        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        send(ADMIN, uscc, batch, NDJSON, line("DA001", "a21026", "hourly", t, 10, "N")).then().statusCode(201);
    }

    @Test
    void aValueFarInTheFutureOrThePastIsRefusedNamingTheWindowAndAMonthWithoutAPartitionYetGetsOne() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        Instant now = Instant.parse("2031-06-15T12:00:00Z");
        SettableClock.INSTANCE.set(now);
        String body = line("DA001", "a21026", "hourly", now.plus(Duration.ofHours(2)), 10, "N")
                + line("DA001", "a21026", "hourly", Instant.parse("2029-04-30T23:00:00Z"), 10, "N")
                + line("DA001", "a21026", "hourly", Instant.parse("2029-05-01T00:00:00Z"), 10, "N")
                + line("DA001", "a21026", "hourly", now.plus(Duration.ofMinutes(30)), 10, "N");

        send(ADMIN, uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(201)
                .body("accepted", is(2))
                .body("errors.row", contains(1, 2))
                .body("errors.field", contains("time", "time"))
                .body("errors[0].message", allOf(containsString("too far in the future"),
                        containsString("2029-05-01T00:00:00Z"), containsString("2031-06-15T13:00:00Z")))
                .body("errors[1].message", containsString("too far in the past"));
        // the clock jumped years ahead of the partitions made at start: the accepted months got theirs on the spot
        assertThat(Database.queryString("select string_agg(tableoid::regclass::text, ',' order by measured_at)"
                + " from measurement where uscc = '" + uscc + "'")).isEqualTo("measurement_y2029m05,measurement_y2031m06");
    }

    @Test
    void valuesOnEachSideOfAMonthBoundaryLandInTheirMonthsPartitions() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        Instant boundary = month.atStartOfDay(ZoneOffset.UTC).toInstant();
        send(ADMIN, uscc, UUID.randomUUID(), NDJSON, line("DA001", "a21026", "hourly", boundary.minusSeconds(3600), 10, "N")
                + line("DA001", "a21026", "hourly", boundary, 11, "N")).then().statusCode(201).body("accepted", is(2));

        assertThat(Database.queryString("select string_agg(tableoid::regclass::text, ',' order by measured_at)"
                + " from measurement where uscc = '" + uscc + "'")).isEqualTo(String.format(
                "measurement_y%04dm%02d,measurement_y%04dm%02d", month.minusMonths(1).getYear(),
                month.minusMonths(1).getMonthValue(), month.getYear(), month.getMonthValue()));
    }

    @Test
    void aValueTheServiceHoldsAlreadyIsADuplicateLeftAsItWas() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        send(ADMIN, uscc, UUID.randomUUID(), NDJSON, line("DA001", "a21026", "hourly", t, 10, "N")).then().statusCode(201);
        send(ADMIN, uscc, UUID.randomUUID(), NDJSON, line("DA001", "a21026", "hourly", t, 99, "N")
                + line("DA001", "a21026", "hourly", t.plusSeconds(3600), 12, "N")).then().statusCode(201)
                .body("accepted", is(1)).body("duplicates", is(1));
        assertThat(Database.queryString("select string_agg(avg_value::text, ',' order by measured_at) from measurement"
                + " where uscc = '" + uscc + "'")).isEqualTo("10,12");
    }

    @Test
    void aReporterOrOfficerWritingForAnEnterpriseOutsideTheirScopeGets404() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String body = line("DA001", "a21026", "hourly", Instant.now().minus(Duration.ofHours(1)), 10, "N");
        send(TestTokens.reporter(newUscc()), uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(404)
                .body("type", is("/problems/enterprise-not-found"));
        send(TestTokens.officer("TG-341702101", "341702101"), uscc, UUID.randomUUID(), NDJSON, body).then()
                .statusCode(404);
        send(ADMIN, newUscc(), UUID.randomUUID(), NDJSON, body).then().statusCode(404);
        send(INSPECTOR, uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(403)
                .body("type", is("/problems/forbidden"));
        assertThat(stored(uscc)).isZero();
    }

    @Test
    void aKeyWritesOnlyForAnEnterpriseItsOrganisationIsBoundTo() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String vendor = TestTokens.thirdParty("AIRSENSE", "emissions:write");
        String body = line("DA001", "a21026", "hourly", Instant.now().minus(Duration.ofHours(1)), 10, "N");

        send(vendor, uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(403)
                .body("type", is("/problems/enterprise-not-bound"))
                .body("detail", containsString("AIRSENSE"));

        RequestSpecification officer = given().auth().oauth2(TOWN_B_OFFICER);
        officer.put("/api/v1/emissions/enterprises/" + uscc + "/bound-organisations/AIRSENSE").then().statusCode(204);
        send(vendor, uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(201).body("accepted", is(1));
        // another organisation's key, and a key without the scope, stay out
        send(TestTokens.thirdParty("GREENWATCH", "emissions:write"), uscc, UUID.randomUUID(), NDJSON, body).then()
                .statusCode(403).body("type", is("/problems/enterprise-not-bound"));
        send(TestTokens.thirdParty("AIRSENSE", "emissions:read"), uscc, UUID.randomUUID(), NDJSON, body).then()
                .statusCode(403).body("type", is("/problems/insufficient-scope"));

        given().auth().oauth2(TOWN_B_OFFICER).delete("/api/v1/emissions/enterprises/" + uscc
                + "/bound-organisations/AIRSENSE").then().statusCode(204);
        send(vendor, uscc, UUID.randomUUID(), NDJSON, body).then().statusCode(403);
        // an officer elsewhere cannot bind to it
        given().auth().oauth2(TestTokens.officer("TG-341702101", "341702101"))
                .put("/api/v1/emissions/enterprises/" + uscc + "/bound-organisations/AIRSENSE").then().statusCode(404);
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + uscc + "/AIRSENSE'"))
                .isEqualTo(2);
    }
}
