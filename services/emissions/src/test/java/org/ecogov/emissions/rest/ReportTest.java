package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.ecogov.emissions.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.is;

/**
 * Self-monitoring reports on a real PostgreSQL: a draft made once per Idempotency-Key, one report per outlet,
 * pollutant and period, the unit fitting the pollutant, submitted in time or late against the due day, accepted
 * (with its event) or returned with reasons by an official, corrected only by a new version with the history kept;
 * keys see accepted reports only; a reporter of another enterprise 404.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ReportTest {

    /** September 2026's report is due by the end of 15 October in Asia/Shanghai: 2026-10-15T16:00:00Z. */
    private static final Instant DUE = Instant.parse("2026-10-15T16:00:00Z");

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    private static Map<String, Object> draft(String pollutant, String unit, String periodStart) {
        return Map.of("outletCode", "DA001", "pollutant", pollutant, "periodKind", "month", "periodStart", periodStart,
                "unit", unit, "values", List.of(Map.of("sampledAt", "2026-09-10T09:30:00+08:00", "value", 42.5,
                        "method", "HJ 57-2017", "lab", "Hefei Environmental Testing Co.")));
    }

    private static String reports(String uscc) {
        return "/api/v1/emissions/enterprises/" + uscc + "/reports";
    }

    @Test
    void aReportGoesFromDraftThroughReturnAndANewVersionToAcceptanceWithItsHistoryKept() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String reporter = TestTokens.reporter(uscc);
        String key = UUID.randomUUID().toString();

        Response created = as(reporter).header("Idempotency-Key", key).body(draft("a21026", "mg/m3", "2026-09-01"))
                .post(reports(uscc));
        created.then().statusCode(201).body("status", is("draft")).body("version", is(1))
                .body("dueAt", is(DUE.toString())).body("late", is(false)).body("periodEnd", is("2026-10-01"));
        String v1 = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith(reports(uscc) + "/" + v1);

        // the retry answers the first answer; the key with another body is refused; a second report of the period too
        as(reporter).header("Idempotency-Key", key).body(draft("a21026", "mg/m3", "2026-09-01")).post(reports(uscc))
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", is(v1));
        as(reporter).header("Idempotency-Key", key).body(draft("a21002", "mg/m3", "2026-09-01")).post(reports(uscc))
                .then().statusCode(409).body("type", is("/problems/idempotency-key-reused"));
        as(reporter).body(draft("a21026", "mg/m3", "2026-09-01")).post(reports(uscc))
                .then().statusCode(409).body("type", is("/problems/report-exists"));
        assertThat(Database.queryLong("select count(*) from report where uscc = '" + uscc + "'")).isEqualTo(1);

        // submitted just in time; a submitted report is no longer submitted, nor accepted by its reporter
        SettableClock.INSTANCE.set(DUE.minusSeconds(1));
        as(reporter).post(reports(uscc) + "/" + v1 + "/submission").then().statusCode(200)
                .body("status", is("submitted")).body("late", is(false));
        as(reporter).post(reports(uscc) + "/" + v1 + "/submission").then().statusCode(409)
                .body("type", is("/problems/report-not-in-state"));
        as(reporter).post(reports(uscc) + "/" + v1 + "/acceptance").then().statusCode(403)
                .body("type", is("/problems/forbidden"));

        // returned with reasons by an inspector; corrected by a new version, the old one kept as it was
        as(INSPECTOR).body(Map.of("reasons", List.of("The lab's accreditation number is missing.")))
                .post(reports(uscc) + "/" + v1 + "/return").then().statusCode(200).body("status", is("returned"))
                .body("returnReasons[0]", is("The lab's accreditation number is missing."));
        as(reporter).body(Map.of("unit", "mg/L", "values", draft("a21026", "mg/m3", "2026-09-01").get("values")))
                .post(reports(uscc) + "/" + v1 + "/versions").then().statusCode(400).body("errors[0].field", is("unit"));
        Response corrected = as(reporter).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("unit", "mg/m3", "values", List.of(Map.of("sampledAt", "2026-09-10T09:30:00+08:00",
                        "value", 41.0, "method", "HJ 57-2017", "lab", "Hefei Environmental Testing Co. (CMA 1234)"))))
                .post(reports(uscc) + "/" + v1 + "/versions");
        corrected.then().statusCode(201).body("version", is(2)).body("corrects", is(v1)).body("status", is("draft"));
        String v2 = corrected.jsonPath().getString("id");
        as(reporter).body(Map.of("unit", "mg/m3", "values", draft("a21026", "mg/m3", "2026-09-01").get("values")))
                .post(reports(uscc) + "/" + v1 + "/versions").then().statusCode(409)
                .body("type", is("/problems/report-not-in-state"));

        // the second version is submitted after the due time: late; accepted by an officer, with its event
        SettableClock.INSTANCE.set(DUE.plusSeconds(3600 * 24 * 5));
        as(reporter).post(reports(uscc) + "/" + v2 + "/submission").then().statusCode(200).body("late", is(true));
        as(EEB_OFFICER).post(reports(uscc) + "/" + v2 + "/acceptance").then().statusCode(200)
                .body("status", is("accepted"));
        assertThat(Database.queryString("select type from event_outbox where subject = 'enterprises/" + uscc
                + "/reports/" + v2 + "'")).isEqualTo("org.ecogov.emissions.report.accepted.v1");
        assertThat(Database.queryString("select string_agg(action, ',' order by sequence) from audit_entry"
                + " where entity_type = 'report' and entity_id like '" + uscc + "/%'"))
                .isEqualTo("create-report,submit-report,return-report,correct-report,submit-report,accept-report");

        JsonPath history = as(reporter).get(reports(uscc) + "/" + v2).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("history.status")).containsExactly("returned", "accepted");
        assertThat(history.getList("history.late", Boolean.class)).containsExactly(false, true);
        JsonPath first = as(reporter).get(reports(uscc) + "/" + v1).jsonPath();
        assertThat(first.getDouble("report.values[0].value")).isEqualTo(42.5);
        assertThat(first.getString("report.status")).isEqualTo("returned");

        // disclosed: keys list and read the accepted version only
        String keyToken = TestTokens.thirdParty("GREENWATCH", "emissions:read");
        assertThat(as(keyToken).get(reports(uscc)).jsonPath().getList("items.id")).containsExactly(v2);
        as(keyToken).get(reports(uscc) + "/" + v1).then().statusCode(404).body("type", is("/problems/report-not-found"));
        assertThat(as(keyToken).get(reports(uscc) + "/" + v2).jsonPath().getList("history.version")).containsExactly(2);
        as(keyToken).body(draft("a21026", "mg/m3", "2026-08-01")).post(reports(uscc)).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }

    @Test
    void aReportNeedsItsPollutantsUnitAPeriodsFirstDayAndItsOwnEnterprise() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String reporter = TestTokens.reporter(uscc);
        as(reporter).body(draft("a21026", "mg/L", "2026-09-01")).post(reports(uscc)).then().statusCode(400)
                .body("errors[0].field", is("unit"));
        as(reporter).header("Idempotency-Key", "two words").body(draft("a21026", "mg/m3", "2026-09-01"))
                .post(reports(uscc)).then().statusCode(400).body("errors[0].field", is("Idempotency-Key"));
        as(reporter).body(draft("a21026", "mg/m3", "2026-09-02")).post(reports(uscc)).then().statusCode(400)
                .body("errors[0].field", is("periodStart"));
        as(reporter).body(draft("a21026", "mg/m3", "2026-02-30")).post(reports(uscc)).then().statusCode(400)
                .body("errors[0].field", is("periodStart"));
        Map<String, Object> quarter = new java.util.HashMap<>(draft("w01001", "pH", "2026-07-01"));
        quarter.put("periodKind", "quarter");
        quarter.put("outletCode", "DA009");
        as(reporter).body(quarter).post(reports(uscc)).then().statusCode(400).body("errors[0].field", is("outletCode"));
        quarter.put("outletCode", "DA001");
        // the third quarter ends on 1 October: due by the end of 15 October, Shanghai time
        as(EEB_OFFICER).body(quarter).post(reports(uscc)).then().statusCode(201).body("dueAt", is(DUE.toString()))
                .body("periodEnd", is("2026-10-01"));

        String other = copiedEnterprise(TOWN_B, "DA001");
        as(reporter).body(draft("a21026", "mg/m3", "2026-09-01")).post(reports(other)).then().statusCode(404)
                .body("type", is("/problems/enterprise-not-found"));
        as(reporter).get(reports(other)).then().statusCode(404);
        as(TestTokens.officer("EEB-341703", "341703")).body(draft("a21026", "mg/m3", "2026-09-01")).post(reports(uscc))
                .then().statusCode(404);
        assertThat(Database.queryLong("select count(*) from report where uscc = '" + other + "'")).isZero();
    }

    @Test
    void aDraftIsEditedAgainstItsETagOnlyWhileADraftAndOnlyByWhoMaySubmitIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String reporter = TestTokens.reporter(uscc);
        String id = as(reporter).body(draft("a21026", "mg/m3", "2026-09-01")).post(reports(uscc)).then().statusCode(201)
                .extract().jsonPath().getString("id");
        String one = reports(uscc) + "/" + id;
        Response read = as(reporter).get(one);
        read.then().statusCode(200).header("ETag", "\"1\"");
        Map<String, Object> change = Map.of("unit", "mg/m3", "values", List.of(Map.of("sampledAt",
                "2026-09-12T10:00:00+08:00", "value", 38.0, "method", "HJ 57-2017", "lab", "Hefei Lab (CMA 1234)")));

        as(reporter).body(change).put(one).then().statusCode(428).body("errors[0].field", is("If-Match"));
        as(reporter).header("If-Match", "\"7\"").body(change).put(one).then().statusCode(412);
        as(reporter).header("If-Match", "\"1\"").body(Map.of("unit", "mg/L", "values", change.get("values"))).put(one)
                .then().statusCode(400).body("errors[0].field", is("unit"));
        // another enterprise's reporter does not see it; an inspector decides reports but does not write them
        as(TestTokens.reporter(newUscc())).header("If-Match", "\"1\"").body(change).put(one).then().statusCode(404);
        as(INSPECTOR).header("If-Match", "\"1\"").body(change).put(one).then().statusCode(403);
        as(reporter).header("If-Match", "\"1\"").body(change).put(one).then().statusCode(200)
                .header("ETag", "\"2\"").body("values[0].value", is(38.0f)).body("version", is(1))
                .body("status", is("draft"));
        // the old tag is stale now; an officer of the district edits on the enterprise's behalf with the new one
        as(reporter).header("If-Match", "\"1\"").body(change).put(one).then().statusCode(412);
        as(EEB_OFFICER).header("If-Match", "W/\"2\"").body(change).put(one).then().statusCode(200).header("ETag", "\"3\"");
        assertThat(as(reporter).get(one).jsonPath().getDouble("report.values[0].value")).isEqualTo(38.0);

        // submitted, it is no longer edited: it is corrected by a new version
        as(reporter).post(one + "/submission").then().statusCode(200);
        as(reporter).header("If-Match", "\"3\"").body(change).put(one).then().statusCode(409)
                .body("type", is("/problems/report-not-in-state"));
        assertThat(Database.queryString("select string_agg(action, ',' order by sequence) from audit_entry"
                + " where entity_type = 'report' and entity_id = '" + uscc + "/" + id + "'"))
                .isEqualTo("create-report,update-report,update-report,submit-report");
    }

    @Test
    void theListPagesByKeyAndShowsAReportNeverSubmittedByItsDueDayAsOverdue() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        String reporter = TestTokens.reporter(uscc);
        // September and October 2026 for two outlets and two pollutants: eight reports
        for (String month : List.of("2026-09-01", "2026-10-01")) {
            for (String outlet : List.of("DA001", "DA002")) {
                for (String pollutant : List.of("a21026", "a21002")) {
                    Map<String, Object> d = new java.util.HashMap<>(draft(pollutant, "mg/m3", month));
                    d.put("outletCode", outlet);
                    as(reporter).body(d).post(reports(uscc)).then().statusCode(201);
                }
            }
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(reporter).queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(reports(uscc)).then().statusCode(200).extract().jsonPath();
            for (int i = 0; i < page.getList("items").size(); i++) {
                seen.add(page.getString("items[" + i + "].periodStart") + " " + page.getString("items[" + i + "].outletCode")
                        + " " + page.getString("items[" + i + "].pollutant"));
            }
            cursor = page.getString("next");
            pages++;
            if (pages == 1) {
                // a report made between two pages of an earlier period still shows in its place, none repeats
                Map<String, Object> d = new java.util.HashMap<>(draft("a21026", "mg/m3", "2026-08-01"));
                as(reporter).body(d).post(reports(uscc)).then().statusCode(201);
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("2026-10-01 DA001 a21002", "2026-10-01 DA001 a21026",
                "2026-10-01 DA002 a21002", "2026-10-01 DA002 a21026", "2026-09-01 DA001 a21002", "2026-09-01 DA001 a21026",
                "2026-09-01 DA002 a21002", "2026-09-01 DA002 a21026", "2026-08-01 DA001 a21026");
        as(reporter).queryParam("cursor", "bm90LWEta2V5").get(reports(uscc)).then().statusCode(400)
                .body("errors[0].field", is("cursor"));

        // September's reports are due by the end of 15 October (Asia/Shanghai): one second before, none is overdue
        String september = reports(uscc);
        String firstId = as(reporter).queryParam("limit", 100).get(september).jsonPath()
                .getString("items.find { it.periodStart == '2026-09-01' && it.outletCode == 'DA001' && it.pollutant == 'a21026' }.id");
        as(reporter).post(september + "/" + firstId + "/submission").then().statusCode(200);
        SettableClock.INSTANCE.set(DUE.minusSeconds(1));
        assertThat(as(reporter).queryParam("overdue", true).get(september).jsonPath().getList("items.periodStart"))
                .as("only August's, due a month earlier").containsExactly("2026-08-01");
        // at the due time September's three never submitted are overdue (the submitted one is not, nor October's),
        // and August's draft, due a month earlier
        SettableClock.INSTANCE.set(DUE);
        JsonPath overdue = as(EEB_OFFICER).queryParam("overdue", true).get(september).then().statusCode(200)
                .extract().jsonPath();
        assertThat(overdue.getList("items.periodStart")).containsExactly("2026-09-01", "2026-09-01", "2026-09-01",
                "2026-08-01");
        assertThat(overdue.getList("items.overdue", Boolean.class)).containsOnly(true);
        JsonPath others = as(EEB_OFFICER).queryParam("overdue", false).queryParam("limit", 100).get(september)
                .jsonPath();
        assertThat(others.getList("items")).hasSize(5);
        assertThat(others.getList("items.overdue", Boolean.class)).containsOnly(false);
        // submitted after the due day it is marked late and no longer overdue
        String lateId = overdue.getString("items[0].id");
        as(reporter).post(september + "/" + lateId + "/submission").then().statusCode(200).body("late", is(true))
                .body("overdue", is(false));
        assertThat(as(reporter).queryParam("overdue", true).get(september).jsonPath().getList("items")).hasSize(3);
        as(reporter).queryParam("overdue", "maybe").get(september).then().statusCode(400)
                .body("errors[0].field", is("overdue"));
    }
}
