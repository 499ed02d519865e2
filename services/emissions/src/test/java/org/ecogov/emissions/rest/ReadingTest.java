package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.ecogov.emissions.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.is;

/**
 * Reading what ingest stored and judged, on a real PostgreSQL: exceedances (list, filters, pages, one with its
 * evidence), data gaps, a series with its flags as {code, name}, aggregates per enterprise, outlet and park bucketed
 * by hour, day and month, annual discharge against the permit; and who reads what (DESIGN §4, issue 10).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ReadingTest {

    /** The start of a UTC day ten days ago: inside the accepted window, the same month or the one before. */
    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));
    private static final String KEY = TestTokens.thirdParty("GREENWATCH", "emissions:read");

    private static void send(String uscc, String... lines) {
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(String.join("", lines).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/" + UUID.randomUUID())
                .then().statusCode(201);
    }

    private static String value(String outlet, String pollutant, String kind, int hour, double avg, String flag) {
        return "{\"outlet\":\"" + outlet + "\",\"pollutant\":\"" + pollutant + "\",\"kind\":\"" + kind + "\",\"time\":\""
                + DAY.plus(Duration.ofHours(hour)) + "\",\"avg\":" + avg + ",\"flag\":\"" + flag + "\"}\n";
    }

    /** SO2 at DA001: hours 0-1 above 100 (one exceedance, closed at 2), 3-4 maintenance (a gap), 5 above (open). */
    private static String enterpriseWithAHistory(String division) {
        String uscc = copiedEnterprise(division, "DA001", "DA002");
        send(uscc, value("DA001", "a21026", "hourly", 0, 120, "N"), value("DA001", "a21026", "hourly", 1, 150, "N"),
                value("DA001", "a21026", "hourly", 2, 60, "N"), value("DA001", "a21026", "hourly", 3, 400, "M"),
                value("DA001", "a21026", "hourly", 4, 10, "M"), value("DA001", "a21026", "hourly", 5, 110, "N"),
                value("DA002", "a21026", "hourly", 0, 20, "N"), value("DA002", "a21026", "hourly", 25, 40, "N"),
                value("DA001", "a21026", "daily", 0, 80, "N"));
        return uscc;
    }

    private static String enterprise(String uscc) {
        return "/api/v1/emissions/enterprises/" + uscc;
    }

    @Test
    void exceedancesAreListedNewestFirstByFilterAndPageAndReadWithTheirEvidence() {
        String uscc = enterpriseWithAHistory(TOWN_B);

        JsonPath all = as(EEB_OFFICER).get(enterprise(uscc) + "/exceedances").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.status")).containsExactly("open", "closed");
        assertThat(all.getList("items.periods", Integer.class)).containsExactly(1, 2);
        assertThat(all.getString("next")).isNull();
        String closed = all.getString("items[1].id");
        assertThat(closed).matches("[0-9a-f-]{36}");

        JsonPath one = as(EEB_OFFICER).get(enterprise(uscc) + "/exceedances/" + closed).then().statusCode(200)
                .extract().jsonPath();
        assertThat(one.getString("exceedance.closedBy")).isEqualTo(DAY.plus(Duration.ofHours(2)).toString());
        assertThat(one.getList("evidence.value", Double.class)).containsExactly(120.0, 150.0);
        assertThat(one.getList("evidence.limit", Double.class)).containsExactly(100.0, 100.0);
        assertThat(one.getDouble("exceedance.maxRatio")).isEqualTo(1.5);

        assertThat(as(EEB_OFFICER).queryParam("status", "closed").get(enterprise(uscc) + "/exceedances")
                .jsonPath().getList("items.id")).containsExactly(closed);
        assertThat(as(EEB_OFFICER).queryParam("outlet", "DA002").get(enterprise(uscc) + "/exceedances")
                .jsonPath().getList("items")).isEmpty();
        assertThat(as(EEB_OFFICER).queryParam("from", DAY.plus(Duration.ofHours(3)).toString())
                .get(enterprise(uscc) + "/exceedances").jsonPath().getList("items.status")).containsExactly("open");

        JsonPath first = as(EEB_OFFICER).queryParam("limit", 1).get(enterprise(uscc) + "/exceedances").jsonPath();
        assertThat(first.getList("items.status")).containsExactly("open");
        JsonPath second = as(EEB_OFFICER).queryParam("limit", 1).queryParam("cursor", first.getString("next"))
                .get(enterprise(uscc) + "/exceedances").jsonPath();
        assertThat(second.getList("items.id")).containsExactly(closed);
        assertThat(second.getString("next")).isNull();

        // disclosed: a key reads them; an unknown id, or one of another enterprise, is 404
        as(KEY).get(enterprise(uscc) + "/exceedances/" + closed).then().statusCode(200);
        as(EEB_OFFICER).get(enterprise(uscc) + "/exceedances/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", is("/problems/exceedance-not-found"));
        String other = copiedEnterprise(TOWN_B, "DA001");
        as(EEB_OFFICER).get(enterprise(other) + "/exceedances/" + closed).then().statusCode(404)
                .body("type", is("/problems/exceedance-not-found"));
    }

    @Test
    void readersSeeOnlyTheirScopeAndKeysOnlyWhatIsDisclosed() {
        String uscc = enterpriseWithAHistory(TOWN_B);
        String reporter = TestTokens.reporter(uscc);
        String elsewhere = TestTokens.officer("EEB-341703", "341703");
        String series = enterprise(uscc) + "/outlets/DA001/series/a21026";

        for (String token : new String[] {ADMIN, EEB_OFFICER, EEB_LEAD, INSPECTOR, reporter, TOWN_B_OFFICER}) {
            as(token).get(enterprise(uscc) + "/exceedances").then().statusCode(200);
            as(token).get(enterprise(uscc) + "/data-gaps").then().statusCode(200);
        }
        for (String token : new String[] {elsewhere, TestTokens.reporter(copiedEnterprise(TOWN_B))}) {
            as(token).get(enterprise(uscc) + "/exceedances").then().statusCode(404)
                    .body("type", is("/problems/enterprise-not-found"));
            as(token).get(enterprise(uscc) + "/annual-discharges/2026").then().statusCode(404);
            as(token).queryParams(range(0, 24)).get(series).then().statusCode(404)
                    .body("type", is("/problems/outlet-not-found"));
        }
        // keys: exceedances and daily values; hourly values, data gaps and discharge are not disclosed
        as(KEY).get(enterprise(uscc) + "/exceedances").then().statusCode(200);
        as(KEY).queryParams(range(0, 24)).queryParam("kind", "daily").get(series).then().statusCode(200)
                .body("values[0].avg", is(80.0f));
        as(KEY).queryParams(range(0, 24)).get(series).then().statusCode(403).body("type", is("/problems/forbidden"));
        as(KEY).get(enterprise(uscc) + "/data-gaps").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
        as(KEY).get(enterprise(uscc) + "/annual-discharges/2026").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }

    @Test
    void aSeriesShowsEachFlagAsCodeAndNameOldestFirst() {
        String uscc = enterpriseWithAHistory(TOWN_B);
        JsonPath series = as(EEB_OFFICER).queryParams(range(0, 24))
                .get(enterprise(uscc) + "/outlets/DA001/series/a21026").then().statusCode(200).extract().jsonPath();
        assertThat(series.getList("values.avg", Double.class)).containsExactly(120.0, 150.0, 60.0, 400.0, 10.0, 110.0);
        assertThat(series.getMap("values[3].flag")).isEqualTo(Map.of("code", "M", "name", "maintenance"));
        assertThat(series.getMap("values[0].flag")).isEqualTo(Map.of("code", "N", "name", "normal"));
        assertThat(series.getString("values[0].time")).isEqualTo(DAY.toString());
        assertThat(series.getBoolean("truncated")).isFalse();

        as(EEB_OFFICER).queryParam("from", DAY.plus(Duration.ofHours(2)).toString()).queryParam("to", DAY.toString())
                .get(enterprise(uscc) + "/outlets/DA001/series/a21026").then().statusCode(400)
                .body("errors[0].field", is("to"));
        as(EEB_OFFICER).queryParam("from", "2026-02-30T00:00:00Z").queryParam("to", DAY.toString())
                .get(enterprise(uscc) + "/outlets/DA001/series/a21026").then().statusCode(400)
                .body("errors[0].field", is("from"));
    }

    @Test
    void aggregatesBucketAnEnterpriseAnOutletAndAParkWithExceedancesAndGaps() {
        String uscc = enterpriseWithAHistory(TOWN_B);
        String neighbour = enterpriseWithAHistory("341702199");

        JsonPath hourly = as(EEB_OFFICER).queryParams(range(0, 48)).queryParam("pollutant", "a21026")
                .queryParam("bucket", "hour").queryParam("uscc", uscc).queryParam("outlet", "DA001")
                .get("/api/v1/emissions/aggregates").then().statusCode(200).extract().jsonPath();
        // hours 0..5: four normal values, two flagged (no values but a gap), exceeding at 0, 1 and 5
        assertThat(hourly.getList("buckets.start")).containsExactly(hours(0, 1, 2, 3, 4, 5));
        assertThat(hourly.getList("buckets.count", Long.class)).containsExactly(1L, 1L, 1L, 0L, 0L, 1L);
        assertThat(hourly.getList("buckets.exceedances", Long.class)).containsExactly(1L, 1L, 0L, 0L, 0L, 1L);
        assertThat(hourly.getList("buckets.dataGaps", Long.class)).containsExactly(0L, 0L, 0L, 1L, 1L, 0L);

        JsonPath daily = as(EEB_OFFICER).queryParams(range(0, 48)).queryParam("pollutant", "a21026")
                .queryParam("bucket", "day").queryParam("uscc", uscc).get("/api/v1/emissions/aggregates").jsonPath();
        // day 1: DA001's 120, 150, 60, 110 and DA002's 20; day 2: DA002's 40
        assertThat(daily.getList("buckets.count", Long.class)).containsExactly(5L, 1L);
        assertThat(daily.getDouble("buckets[0].avg")).isEqualTo((120 + 150 + 60 + 110 + 20) / 5.0);
        assertThat(daily.getDouble("buckets[0].min")).isEqualTo(20.0);
        assertThat(daily.getDouble("buckets[0].max")).isEqualTo(150.0);
        assertThat(daily.getLong("buckets[0].exceedances")).isEqualTo(3);
        assertThat(daily.getLong("buckets[0].dataGaps")).isEqualTo(1);

        // the park: the district sees both towns' enterprises, town B's officer only its own
        Map<String, Object> park = Map.of("pollutant", "a21026", "bucket", "month", "division", "341702");
        long districtCount = as(EEB_OFFICER).queryParams(range(0, 48)).queryParams(park)
                .get("/api/v1/emissions/aggregates").jsonPath().getList("buckets.count", Long.class)
                .stream().mapToLong(Long::longValue).sum();
        long townCount = as(TOWN_B_OFFICER).queryParams(range(0, 48)).queryParams(park)
                .get("/api/v1/emissions/aggregates").jsonPath().getList("buckets.count", Long.class)
                .stream().mapToLong(Long::longValue).sum();
        assertThat(districtCount - townCount).as("the neighbour's six normal hourly values").isEqualTo(6);
        assertThat(neighbour).isNotEqualTo(uscc);

        // keys: daily values only, no gaps counted
        as(KEY).queryParams(range(0, 48)).queryParam("pollutant", "a21026").queryParam("bucket", "day")
                .queryParam("uscc", uscc).get("/api/v1/emissions/aggregates").then().statusCode(403);
        JsonPath disclosed = as(KEY).queryParams(range(0, 48)).queryParam("pollutant", "a21026")
                .queryParam("bucket", "day").queryParam("uscc", uscc).queryParam("kind", "daily")
                .get("/api/v1/emissions/aggregates").then().statusCode(200).extract().jsonPath();
        assertThat(disclosed.getList("buckets.count", Long.class)).containsExactly(1L);
        assertThat(disclosed.getList("buckets.dataGaps", Long.class)).containsExactly(0L);

        // exactly one of uscc and division; an outlet only with its uscc; at most 400 days
        as(EEB_OFFICER).queryParams(range(0, 48)).queryParam("pollutant", "a21026").queryParam("bucket", "day")
                .get("/api/v1/emissions/aggregates").then().statusCode(400).body("errors[0].field", is("uscc"));
        as(EEB_OFFICER).queryParams(range(0, 48)).queryParam("pollutant", "a21026").queryParam("bucket", "day")
                .queryParam("division", "3417").queryParam("outlet", "DA001")
                .get("/api/v1/emissions/aggregates").then().statusCode(400).body("errors[0].field", is("outlet"));
        as(EEB_OFFICER).queryParam("from", DAY.minus(Duration.ofDays(401)).toString())
                .queryParam("to", DAY.toString()).queryParam("pollutant", "a21026").queryParam("bucket", "day")
                .queryParam("uscc", uscc).get("/api/v1/emissions/aggregates").then().statusCode(400)
                .body("errors[0].field", is("to"));
    }

    @Test
    void dayAndMonthBucketsReadFromTheDailyRollUpEqualThoseOfTheValuesAfterAReplayADuplicateAndALateValue() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        // three days of SO2 at two outlets; quarters, so every sum is exact whatever order it is taken in; every
        // seventh hour flagged M (not counted), every eleventh with min and max but no avg, hour 5 of DA002 missing
        StringBuilder batch = new StringBuilder();
        for (int hour = 0; hour < 72; hour++) {
            for (String outlet : new String[] {"DA001", "DA002"}) {
                if (outlet.equals("DA002") && hour == 5) {
                    continue;
                }
                String time = DAY.plus(Duration.ofHours(hour)).toString();
                double avg = 20 + (hour * 37 % 80) * 0.25 + (outlet.equals("DA002") ? 3.5 : 0);
                batch.append(hour % 11 == 0
                        ? "{\"outlet\":\"" + outlet + "\",\"pollutant\":\"a21026\",\"kind\":\"hourly\",\"time\":\""
                                + time + "\",\"min\":" + (avg - 2) + ",\"max\":" + (avg + 5.5) + ",\"flag\":\"N\"}\n"
                        : value(outlet, "a21026", "hourly", hour, avg, hour % 7 == 0 ? "M" : "N"));
            }
        }
        String path = enterprise(uscc) + "/measurement-batches/" + UUID.randomUUID();
        byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson").body(body).put(path)
                .then().statusCode(201);
        assertRollUpEqualsTheValues(uscc);

        // the same batch again: a replay, nothing written, the roll-up as it was
        List<List<String>> before = Database.rows("select * from measurement_day where uscc = '" + uscc + "' order by 1, 2, 3, 4, 5");
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson").body(body).put(path)
                .then().statusCode(200).body("replayed", is(true));
        // a "corrected" value under a new batch id: a value is never replaced, so it is a duplicate
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(value("DA001", "a21026", "hourly", 1, 999.75, "N").getBytes(StandardCharsets.UTF_8))
                .put(enterprise(uscc) + "/measurement-batches/" + UUID.randomUUID())
                .then().statusCode(201).body("duplicates", is(1));
        assertThat(Database.rows("select * from measurement_day where uscc = '" + uscc + "' order by 1, 2, 3, 4, 5"))
                .isEqualTo(before);
        assertRollUpEqualsTheValues(uscc);

        // a late value for a day already rolled up: the day's figures take it in
        send(uscc, value("DA002", "a21026", "hourly", 5, 1000.25, "N"));
        assertThat(Database.rows("select * from measurement_day where uscc = '" + uscc + "' order by 1, 2, 3, 4, 5"))
                .isNotEqualTo(before);
        assertRollUpEqualsTheValues(uscc);
    }

    /**
     * The roll-up row by row equals the values grouped by day, and the API's day and month buckets, over whole days
     * and over a range with partial days at both ends, equal the buckets computed from the values.
     */
    private static void assertRollUpEqualsTheValues(String uscc) {
        assertThat(Database.rows("select pollutant, kind, day, outlet_code, n, n_avg, sum_avg, lo, hi from measurement_day"
                + " where uscc = '" + uscc + "' order by 1, 2, 3, 4"))
                .isEqualTo(Database.rows("select pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code,"
                        + " count(*), count(avg_value), coalesce(sum(avg_value), 0), min(coalesce(min_value, avg_value)),"
                        + " max(coalesce(max_value, avg_value)) from measurement where uscc = '" + uscc + "' and flag = 'N'"
                        + " group by 1, 2, 3, 4 order by 1, 2, 3, 4"));
        for (String bucket : new String[] {"day", "month"}) {
            for (int[] hours : new int[][] {{0, 72}, {3, 70}, {0, 48}, {30, 40}}) {
                JsonPath api = as(EEB_OFFICER).queryParams(range(hours[0], hours[1])).queryParam("pollutant", "a21026")
                        .queryParam("bucket", bucket).queryParam("uscc", uscc).get("/api/v1/emissions/aggregates")
                        .then().statusCode(200).extract().jsonPath()
                        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
                List<List<String>> raw = Database.rows("select date_trunc('" + bucket + "', measured_at, 'UTC'),"
                        + " avg(avg_value), min(coalesce(min_value, avg_value)), max(coalesce(max_value, avg_value)),"
                        + " count(*) from measurement where uscc = '" + uscc + "' and pollutant = 'a21026'"
                        + " and kind = 'hourly' and flag = 'N' and measured_at >= '" + DAY.plus(Duration.ofHours(hours[0]))
                        + "' and measured_at < '" + DAY.plus(Duration.ofHours(hours[1])) + "' group by 1 order by 1");
                String what = bucket + " buckets of hours " + hours[0] + " to " + hours[1];
                assertThat(api.getList("buckets")).as(what).hasSize(raw.size());
                for (int i = 0; i < raw.size(); i++) {
                    assertThat(api.getLong("buckets[" + i + "].count")).as(what).isEqualTo(Long.parseLong(raw.get(i).get(4)));
                    assertThat(api.getDouble("buckets[" + i + "].avg")).as(what)
                            .isEqualTo(Double.parseDouble(raw.get(i).get(1)));
                    assertThat(api.getDouble("buckets[" + i + "].min")).as(what)
                            .isEqualTo(Double.parseDouble(raw.get(i).get(2)));
                    assertThat(api.getDouble("buckets[" + i + "].max")).as(what)
                            .isEqualTo(Double.parseDouble(raw.get(i).get(3)));
                }
            }
        }
    }

    @Test
    void theAnnualDischargeIsConcentrationTimesFlowAgainstThePermittedTotal() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        Database.execute("update outlet_limit set annual_tonnes = 0.01 where uscc = '" + uscc + "' and pollutant = 'a21026'");
        // ten hours of 50 mg/m3 at 1000 m3/h: 500,000 mg = 0.0005 t; an hour without a flow is not counted
        StringBuilder batch = new StringBuilder();
        for (int hour = 0; hour < 10; hour++) {
            batch.append(value("DA001", "a21026", "hourly", hour, 50, "N"))
                    .append(value("DA001", "a00000", "hourly", hour, 1000, "N"));
        }
        batch.append(value("DA001", "a21026", "hourly", 10, 50, "N"));
        send(uscc, batch.toString());
        int year = DAY.atZone(ZoneOffset.UTC).getYear();

        JsonPath discharge = as(EEB_OFFICER).get(enterprise(uscc) + "/annual-discharges/" + year).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> pollutants = discharge.getList("pollutants");
        assertThat(pollutants).extracting(p -> p.get("pollutant")).containsExactly("a21026");
        Map<String, Object> so2 = pollutants.get(0);
        assertThat(((Number) so2.get("dischargedTonnes")).doubleValue()).isCloseTo(0.0005, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(so2.get("hours")).isEqualTo(10);
        assertThat(((Number) so2.get("permittedTonnes")).doubleValue()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) so2.get("percentUsed")).doubleValue()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    private static Map<String, Object> range(int fromHour, int toHour) {
        return Map.of("from", DAY.plus(Duration.ofHours(fromHour)).toString(),
                "to", DAY.plus(Duration.ofHours(toHour)).toString());
    }

    private static Object[] hours(int... hours) {
        Object[] times = new Object[hours.length];
        for (int i = 0; i < hours.length; i++) {
            times[i] = DAY.plus(Duration.ofHours(hours[i])).toString();
        }
        return times;
    }
}
