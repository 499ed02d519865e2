package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Open311 GeoReport v2 driven as an Open311 client drives it: discovery, the service list, a form-encoded request
 * sent with an API key (the gateway has taken the {@code api_key} field out and passes the key's token on, as
 * gateway/README "A key in a form field" says), the token turned into the request id, JSON reads without any
 * credential that show the disclosed view only, the 90-day window at its edges, and errors in GeoReport's shape.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class Open311Test {

    /** What the gateway sends on for a request whose api_key field held a key with complaints:write. */
    private static final String CIVIC_APP = TestTokens.thirdParty("CIVICAPP", "complaints:write");
    private static final String READ_KEY = TestTokens.thirdParty("CIVICAPP", "complaints:read");

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
    }

    private static RequestSpecification client() {
        return given().accept(ContentType.JSON);
    }

    private static Response post(String token, Map<String, ?> form) {
        RequestSpecification request = client().contentType(ContentType.URLENC).formParams(form);
        return (token == null ? request : request.auth().oauth2(token)).post("/open311/v2/requests.json");
    }

    private static int longitudes;

    /** A request as a civic app sends it: odour in Wusha Town, with the reporter's name and e-mail. */
    private static Map<String, Object> form() {
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        form.put("service_code", "odour");
        form.put("description", "Rotten-egg smell near the smelter's east gate, Li Na reporting.");
        form.put("lat", "30.65781");
        // far from the other tests' complaints (Fixtures go east of 117.4853), so none joins their matters
        form.put("long", String.valueOf(116.2 + 0.03 * longitudes++));
        form.put("address_id", WUSHA);
        form.put("first_name", "Li");
        form.put("last_name", "Na");
        form.put("email", "li.na@example.cn");
        form.put("phone", "+86 139 0000 5678");
        return form;
    }

    @Test
    void discoveryAndTheServicesNeedNoCredential() {
        client().get("/open311/v2/discovery.json").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("endpoints[0].specification", is("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", is("http://127.0.0.1:8080/open311/v2"))
                .body("endpoints[0].formats", contains("application/json"))
                .body("jurisdiction_id", is("ecogov"))
                .body("max_requests", is(1000));
        client().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", contains("water", "air", "noise", "solid-waste", "odour", "other"))
                .body("metadata", everyItem(is(false)))
                .body("type", everyItem(is("realtime")))
                .body("find { it.service_code == 'odour' }.service_name", is("Odour"));
        client().get("/open311/v2/services/odour.json").then().statusCode(200)
                .body("service_code", is("odour"))
                .body("attributes", empty());
        client().get("/open311/v2/services/smoke.json").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("[0].code", is(400))
                .body("[0].description", startsWith("service_code: "));
    }

    @Test
    void aClientFilesWithItsKeyTurnsTheTokenIntoTheRequestIdAndReadsItBackWithoutPersonalData() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z")); // Friday 27 Nov, 07:30 in Guichi
        JsonPath receipt = post(CIVIC_APP, form()).then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/open311/v2/requests/[0-9a-f-]{36}\\.json$"))
                .body("$", hasSize(1))
                .body("[0].service_notice", startsWith("Received and passed to EEB-341702, which must accept or reject it by 1 December 2026."))
                .extract().jsonPath();
        String requestId = receipt.getString("[0].service_request_id");
        String token = receipt.getString("[0].token");
        assertThat(token).matches("[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(idOf(token)).isEqualTo(requestId);
        assertThat(Database.queryString("select channel || ' ' || contact_name || ' ' || contact_email || ' ' || created_by"
                + " from complaint where id = '" + requestId + "'"))
                .isEqualTo("app Li Na li.na@example.cn apikey:" + TestTokens.DEFAULT_API_KEY_ID);

        // the token (the tracking code) gives the request id, to anyone who holds it
        client().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", is(requestId))
                .body("[0].token", is(token));

        String one = client().get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("$", hasSize(1))
                .body("[0].service_request_id", is(requestId))
                .body("[0].status", is("open"))
                .body("[0].service_code", is("odour"))
                .body("[0].service_name", is("Odour"))
                .body("[0].status_notes", is("Received and passed to EEB-341702, which must accept or reject it by 1 December 2026."))
                .body("[0].agency_responsible", is("Guichi District Ecology and Environment Bureau (EEB-341702)"))
                .body("[0].requested_datetime", is("2026-11-26T23:30:00Z"))
                .body("[0].updated_datetime", is("2026-11-26T23:30:00Z"))
                .body("[0].expected_datetime", is("2026-12-01T15:59:59Z"))
                .body("[0].address_id", is(WUSHA))
                .body("[0].lat", is(30.658f))
                .extract().asString();
        assertThat(JsonPath.from(one).getMap("[0]").keySet()).containsExactlyInAnyOrder("service_request_id", "status",
                "status_notes", "service_name", "service_code", "agency_responsible", "requested_datetime",
                "updated_datetime", "expected_datetime", "address_id", "lat", "long");
        assertThat(one).doesNotContain("Li", "Na\"", "li.na", "139", "Rotten", "30.65781", token);

        // the list answers the same, the ids override every other filter, and a signed-in reader or key may ask too
        String list = client().queryParam("service_request_id", requestId + "," + requestId)
                .queryParam("status", "closed").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", contains(requestId)).extract().asString();
        assertThat(list).doesNotContain("li.na", "Rotten", token);
        client().auth().oauth2(READ_KEY).get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200);
        client().auth().oauth2(CITIZEN).get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200);
    }

    @Test
    void aRejectedComplaintIsClosedWithWhereToGoAsItsStatusNotes() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        String requestId = post(CIVIC_APP, form()).then().statusCode(201).extract().path("[0].service_request_id");
        SettableClock.INSTANCE.set(Instant.parse("2026-11-27T02:00:00Z"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "rejected", "reason", "A barbecue",
                        "redirectTo", "the Wusha Town neighbourhood committee"))
                .post("/api/v1/complaints/" + requestId + "/status-changes").then().statusCode(200);
        client().queryParam("status", "closed").queryParam("service_code", "odour")
                .get("/open311/v2/requests.json").then().statusCode(200)
                .body("find { it.service_request_id == '" + requestId + "' }.status", is("closed"))
                .body("find { it.service_request_id == '" + requestId + "' }.status_notes",
                        containsString("Where to go instead: the Wusha Town neighbourhood committee"))
                .body("find { it.service_request_id == '" + requestId + "' }.updated_datetime", is("2026-11-27T02:00:00Z"))
                .body("find { it.service_request_id == '" + requestId + "' }", not(hasKey("expected_datetime")))
                .body("status", everyItem(is("closed")));
        client().queryParam("status", "open").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", not(hasItem(requestId)))
                .body("status", everyItem(is("open")));
        client().queryParam("service_code", "noise").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", not(hasItem(requestId)));
    }

    @Test
    void theDefaultWindowIsTheLast90DaysAndNoWindowSpansMore() {
        Instant filed = Instant.parse("2026-03-02T02:00:00Z");
        SettableClock.INSTANCE.set(filed);
        String requestId = post(CIVIC_APP, form()).then().statusCode(201).extract().path("[0].service_request_id");

        SettableClock.INSTANCE.set(filed.plus(java.time.Duration.ofDays(90)));
        client().get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(requestId));
        SettableClock.INSTANCE.set(filed.plus(java.time.Duration.ofDays(90)).plusSeconds(1));
        client().get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", not(hasItem(requestId)));
        // still there by its id, or in a window that holds it
        client().queryParam("service_request_id", requestId).get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", contains(requestId));
        client().queryParam("start_date", "2026-03-02T10:00:00+08:00").get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", hasItem(requestId));
        client().queryParam("end_date", "2026-03-02T09:59:59+08:00").get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", not(hasItem(requestId)));

        client().queryParam("start_date", "2026-01-01T00:00:00Z").queryParam("end_date", "2026-04-01T00:00:00Z")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(requestId));
        client().queryParam("start_date", "2026-01-01T00:00:00Z").queryParam("end_date", "2026-04-01T00:00:01Z")
                .get("/open311/v2/requests.json").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("[0].code", is(400))
                .body("[0].description", startsWith("end_date: "));
        client().queryParam("start_date", "2026-02-01T00:00:00Z").queryParam("end_date", "2026-01-01T00:00:00Z")
                .get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("start_date: "));
        client().queryParam("start_date", "2026-02-30T00:00:00Z").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("start_date: "));
        client().queryParam("service_request_id", requestId + ",nope").get("/open311/v2/requests.json").then()
                .statusCode(400).body("[0].description", startsWith("service_request_id: "));
    }

    @Test
    void badRequestsAreRefusedInGeoReportsShapeNamingTheFieldAndFileNothing() {
        Map<String, Long> before = Database.rowCounts();
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("service_code", without(form(), "service_code"));
        cases.put("description", without(form(), "description"));
        cases.put("address_id", without(form(), "address_id"));
        cases.put("long", without(form(), "long"));
        cases.put("media_url", with(form(), "media_url", "smoke-at-the-gate.jpg"));
        cases.put("jurisdiction_id", with(form(), "jurisdiction_id", "no such/place"));
        cases.put("email", with(form(), "email", "nobody"));
        cases.put("phone", with(form(), "phone", "call me"));
        cases.put("first_name", with(form(), "first_name", "x".repeat(51)));
        cases.put("lat", with(form(), "lat", "91"));
        cases.forEach((field, form) -> {
            List<Map<String, Object>> errors = post(CIVIC_APP, form).then().statusCode(400)
                    .contentType(ContentType.JSON).extract().jsonPath().getList("$");
            assertThat(errors).as(field).isNotEmpty();
            assertThat(errors).as(field).allSatisfy(error -> assertThat(error.get("code")).isEqualTo(400));
            assertThat(errors).as(field).anySatisfy(error -> assertThat((String) error.get("description"))
                    .startsWith(field + ": "));
        });
        post(CIVIC_APP, with(form(), "service_code", "smoke")).then().statusCode(400)
                .body("[0].description", startsWith("service_code: "));
        post(CIVIC_APP, with(form(), "address_id", "3417021")).then().statusCode(400)
                .body("[0].description", startsWith("address_id: "));
        post(CIVIC_APP, with(form(), "lat", "north")).then().statusCode(400)
                .body("[0].description", startsWith("lat: "));
        for (String url : List.of("ftp://example.cn/smoke.jpg", "https://user:secret@example.cn/smoke.jpg",
                "https:///smoke.jpg", "https://exa mple.cn/smoke.jpg", "file:///etc/passwd")) {
            post(CIVIC_APP, with(form(), "media_url", url)).then().statusCode(400)
                    .body("[0].description", startsWith("media_url: "));
        }
        // another jurisdiction than the one served: 404 naming it, as GeoReport answers an unknown jurisdiction
        post(CIVIC_APP, with(form(), "jurisdiction_id", "chicago.gov")).then().statusCode(404)
                .contentType(ContentType.JSON).body("[0].code", is(404))
                .body("[0].description", startsWith("jurisdiction_id: "));
        // without a credential, with a key that may only read, or with JSON instead of a form
        post(null, form()).then().statusCode(401).contentType(ContentType.JSON).body("[0].code", is(401));
        post(READ_KEY, form()).then().statusCode(403).contentType(ContentType.JSON).body("[0].code", is(403))
                .body("[0].description", containsString("complaints:write"));
        client().auth().oauth2(CIVIC_APP).contentType(ContentType.JSON).body(form()).post("/open311/v2/requests.json")
                .then().statusCode(415).contentType(ContentType.JSON).body("[0].code", is(415));
        // no lead agency for solid waste at the place: 422, still GeoReport's shape
        post(CIVIC_APP, with(form(), "service_code", "solid-waste")).then().statusCode(422).body("[0].code", is(422));
        // unknown ids and tokens
        client().get("/open311/v2/requests/3f0c8a9e-2b1d-4c5e-9f7a-0a1b2c3d4e5f.json").then().statusCode(404)
                .contentType(ContentType.JSON).body("[0].code", is(404));
        client().get("/open311/v2/tokens/0000000000.json").then().statusCode(404).body("[0].code", is(404));
        client().get("/open311/v2/requests/NOT-AN-ID.json").then().statusCode(400)
                .body("[0].description", startsWith("service_request_id: "));
        assertThat(Database.rowCounts()).isEqualTo(before);
        // the platform's own API keeps problem+json
        as(CITIZEN).get("/api/v1/complaint-tracking/0000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void everyCallTakesTheOneJurisdictionServedAndAnswersAnotherWith404NamingIt() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        JsonPath receipt = post(CIVIC_APP, with(form(), "jurisdiction_id", "ecogov")).then().statusCode(201)
                .extract().jsonPath();
        String requestId = receipt.getString("[0].service_request_id");
        String token = receipt.getString("[0].token");
        List<String> reads = List.of("/open311/v2/services.json", "/open311/v2/services/odour.json",
                "/open311/v2/requests.json", "/open311/v2/requests/" + requestId + ".json",
                "/open311/v2/tokens/" + token + ".json");
        for (String read : reads) {
            client().queryParam("jurisdiction_id", "ecogov").get(read).then().statusCode(200);
            client().queryParam("jurisdiction_id", "chicago.gov").get(read).then().statusCode(404)
                    .contentType(ContentType.JSON)
                    .body("[0].code", is(404))
                    .body("[0].description", is("jurisdiction_id: this endpoint serves the jurisdiction ecogov only"));
            client().queryParam("jurisdiction_id", "<script>").get(read).then().statusCode(400)
                    .body("[0].description", startsWith("jurisdiction_id: "));
        }
    }

    @Test
    void aMediaUrlIsKeptForTheHandlingAgencyAndAttributesAreIgnored() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        Map<String, Object> form = with(with(form(), "media_url", "https://photos.example.cn/u/li-na/smoke-7Q.jpg"),
                "attribute[colour]", "Attribute-Marker-K2");
        String requestId = post(CIVIC_APP, form).then().statusCode(201).extract().path("[0].service_request_id");
        // the owning agency sees the reference (never fetched: nothing here opens it); other handlers do not
        as(EEB_OFFICER).get("/api/v1/complaints/" + requestId).then().statusCode(200)
                .body("mediaUrl", is("https://photos.example.cn/u/li-na/smoke-7Q.jpg"));
        as(WUSHA_OFFICER).get("/api/v1/complaints/" + requestId).then().statusCode(200)
                .body("$", not(hasKey("mediaUrl")));
        String read = client().get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200)
                .extract().asString();
        assertThat(read).doesNotContain("example.cn", "smoke-7Q", "Attribute-Marker-K2");
        // no service has attributes (metadata false): an attribute is neither stored nor shown
        assertThat(Database.queryLong("select count(*) from complaint c where c::text like '%Attribute-Marker-K2%'"))
                .isZero();
        assertThat(Database.queryLong("select count(*) from audit_entry a where a::text like '%Attribute-Marker-K2%'"
                + " or a::text like '%smoke-7Q%'")).isZero();
    }

    @Test
    void statusAndServiceCodeTakeCommaListsAndAWindowAnswersItsNewest1000() {
        Instant filed = Instant.parse("2026-06-10T02:00:00Z");
        SettableClock.INSTANCE.set(filed);
        String open = post(CIVIC_APP, form()).then().statusCode(201).extract().path("[0].service_request_id");
        String air = post(CIVIC_APP, with(form(), "service_code", "air")).then().statusCode(201)
                .extract().path("[0].service_request_id");
        SettableClock.INSTANCE.set(filed.plusSeconds(60));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "rejected", "reason", "Not ours",
                "redirectTo", "the town")).post("/api/v1/complaints/" + air + "/status-changes").then().statusCode(200);
        SettableClock.INSTANCE.set(filed.plusSeconds(120));
        client().queryParam("status", "open,closed").queryParam("service_code", "odour,air")
                .get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItems(open, air));
        client().queryParam("status", "closed").queryParam("service_code", "odour,air")
                .get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(air)).body("service_request_id", not(hasItem(open)));
        client().queryParam("service_code", "noise,odour").get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(open)).body("service_request_id", not(hasItem(air)));
        client().queryParam("status", "open,pending").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("status: "));
        client().queryParam("service_code", "odour,").get("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("service_code: "));

        // 1,000 more closed copies of the odour complaint, filed a second apart after it (behind the service's
        // back; removed again at the end): the window answers its newest 1,000, newest first, and not the original
        String columns = Database.queryString("select string_agg(column_name, ', ') from information_schema.columns"
                + " where table_name = 'complaint' and column_name not in ('id', 'tracking_code', 'submitted_at',"
                + " 'status', 'due_at', 'matter_id')");
        try {
            Database.execute("insert into complaint (id, tracking_code, submitted_at, status, due_at, matter_id, "
                    + columns + ") select gen_random_uuid(), 'COPY' || lpad(n::text, 6, '0'), submitted_at"
                    + " + n * interval '1 second', 'closed', null, null, " + columns
                    + " from complaint, generate_series(1, 1000) n where id = '" + open + "'");
            List<String> newest = client().queryParam("start_date", "2026-06-01T00:00:00Z")
                    .queryParam("end_date", "2026-06-30T00:00:00Z").get("/open311/v2/requests.json").then()
                    .statusCode(200).body("$", hasSize(1000)).extract().jsonPath().getList("requested_datetime");
            assertThat(newest.get(0)).isEqualTo("2026-06-10T02:16:40Z");
            assertThat(newest.get(999)).isEqualTo("2026-06-10T02:00:01Z");
            client().queryParam("start_date", "2026-06-01T00:00:00Z").queryParam("end_date", "2026-06-10T02:00:00Z")
                    .queryParam("service_code", "odour").get("/open311/v2/requests.json").then().statusCode(200)
                    .body("service_request_id", contains(open));
        } finally {
            Database.execute("delete from complaint where tracking_code like 'COPY%'");
        }
    }

    /**
     * The reads are open to anyone, so they show no more than the disclosed view: whatever a complaint goes through,
     * no read (discovery, services, requests by window, status and id, one request, the token) carries its
     * description, exact point, media URL, the complainant's name, phone or e-mail, the filer, an internal reason or
     * the tracking code (the token read names only the token it was asked for).
     */
    @Test
    void noOpen311ReadCarriesPersonalDataTheTrackingCodeOrAnInternalNote() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        Map<String, Object> form = with(with(with(with(form(), "first_name", "Qiao"), "last_name", "Mingyue"),
                "email", "qiao.mingyue@mail.example.cn"), "media_url", "https://media.example.cn/qiao/1.jpg");
        form.put("phone", "+86 137 5555 0199");
        form.put("lat", "30.65789");
        form.put("description", "Private-Detail-R4 black smoke from the stack every evening.");
        List<String> ids = new java.util.ArrayList<>();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonPath receipt = post(CIVIC_APP, form).then().statusCode(201).extract().jsonPath();
            ids.add(receipt.getString("[0].service_request_id"));
            tokens.add(receipt.getString("[0].token"));
        }
        // one is rejected with an internal reason, the other (of the same matter) goes its whole course
        SettableClock.INSTANCE.set(Instant.parse("2026-11-27T02:00:00Z"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "rejected", "reason",
                        "Internal-Reason-V8 the complainant is a competitor", "redirectTo", "the market regulator"))
                .post("/api/v1/complaints/" + ids.get(1) + "/status-changes").then().statusCode(200);
        long version = 1;
        for (Map<String, Object> step : List.<Map<String, Object>>of(Map.of("status", "accepted"),
                Map.of("status", "in-progress"), Map.of("status", "resolved", "findings", "Filter bags replaced."))) {
            as(EEB_OFFICER).header("If-Match", "\"" + version++ + "\"").body(step)
                    .post("/api/v1/complaints/" + ids.get(0) + "/status-changes").then().statusCode(200);
        }

        List<String> secrets = List.of("Qiao", "Mingyue", "qiao.mingyue", "mail.example.cn", "137 5555", "5555 0199",
                "Private-Detail-R4", "media.example.cn", "30.65789", "Internal-Reason-V8", "competitor", "apikey:",
                tokens.get(0), tokens.get(1));
        List<String> reads = new java.util.ArrayList<>(List.of("/open311/v2/discovery.json",
                "/open311/v2/services.json", "/open311/v2/services/odour.json", "/open311/v2/requests.json",
                "/open311/v2/requests.json?status=open", "/open311/v2/requests.json?status=closed&service_code=odour",
                "/open311/v2/requests.json?start_date=2026-11-20T00:00:00Z",
                "/open311/v2/requests.json?service_request_id=" + ids.get(0) + "," + ids.get(1)));
        ids.forEach(id -> reads.add("/open311/v2/requests/" + id + ".json"));
        int seen = 0;
        for (String token : new String[] {null, READ_KEY, CITIZEN, EEB_OFFICER}) {
            for (String read : reads) {
                RequestSpecification request = token == null ? client() : client().auth().oauth2(token);
                String json = request.get(read).then().statusCode(200).extract().asString();
                assertThat(json).as(read).doesNotContain(secrets);
                seen += json.contains(ids.get(0)) ? 1 : 0;
            }
            for (int i = 0; i < 2; i++) {
                RequestSpecification request = token == null ? client() : client().auth().oauth2(token);
                JsonPath answer = request.get("/open311/v2/tokens/" + tokens.get(i) + ".json").then().statusCode(200)
                        .extract().jsonPath();
                assertThat(answer.getMap("[0]")).containsOnlyKeys("service_request_id", "token");
                assertThat(answer.getString("[0].token")).isEqualTo(tokens.get(i));
                assertThat(answer.getString("[0].service_request_id")).isEqualTo(ids.get(i));
            }
        }
        assertThat(seen).as("the reads did show the complaint").isGreaterThanOrEqualTo(4 * 5);
        // what they do show of it: the disclosed view's facts and the public lines
        client().get("/open311/v2/requests/" + ids.get(0) + ".json").then().statusCode(200)
                .body("[0].status_notes", is("Resolved by EEB-341702. Please rate the outcome."))
                .body("[0].lat", is(30.658f));
        client().get("/open311/v2/requests/" + ids.get(1) + ".json").then().statusCode(200)
                .body("[0].status_notes", is("Not a matter for EEB-341702. Where to go instead: the market regulator"));
    }

    @Test
    void theFormChecksAreTheContracts() {
        @SuppressWarnings("rawtypes")
        Map<String, Schema> properties = Contracts.spec("complaints.yaml").getComponents().getSchemas()
                .get("Open311RequestForm").getProperties();
        Open311Form.RULES.forEach((name, rule) -> {
            Schema<?> schema = properties.get(name);
            assertThat(schema).as(name).isNotNull();
            assertThat(schema.getMaxLength()).as(name + " maxLength").isEqualTo(rule.maxLength());
            assertThat(schema.getMinLength() == null ? 0 : schema.getMinLength()).as(name + " minLength")
                    .isEqualTo(rule.minLength());
            assertThat(schema.getPattern()).as(name + " pattern").isEqualTo(rule.pattern());
        });
        // every field of the form is checked (the rest: an enum, and the key the gateway takes out)
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(
                concat(Open311Form.RULES.keySet(), List.of("service_code", "api_key")));
        assertThat(properties.get("service_code").getEnum()).containsExactlyElementsOf(Open311Form.SERVICE_CODES);
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Object> without(Map<String, Object> form, String field) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(form);
        changed.remove(field);
        return changed;
    }
}
