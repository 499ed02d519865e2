package org.ecogov.complaints;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ecogov.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The small world the complaints tests share: district 341702 (Guichi) with Wusha Town 341702102, the district EEB
 * and the town government (TestRegistry's matrix), and callers of every kind with real signed tokens.
 */
public final class Fixtures {

    public static final String DISTRICT = "341702";
    public static final String WUSHA = "341702102";
    public static final String OTHER_TOWN = "341702101";
    public static final String EEB = "EEB-341702";
    public static final String WUSHA_GOV = "TG-341702102";
    public static final String SMELTER = "91341702669392367N";

    public static final String ADMIN = TestTokens.platformAdmin();
    public static final String EEB_OFFICER = TestTokens.officer(EEB, DISTRICT);
    public static final String WUSHA_OFFICER = TestTokens.officer(WUSHA_GOV, WUSHA);
    public static final String OTHER_TOWN_OFFICER = TestTokens.officer("TG-341702101", OTHER_TOWN);
    public static final String EEB_LEAD = TestTokens.lead(EEB, DISTRICT);
    public static final String CITIZEN = TestTokens.citizen();

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static final java.util.concurrent.atomic.AtomicInteger PLACES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A complaint body: odour in Wusha Town, with contact details. Each body is placed about 2.9 km east of the last
     * (0.03 degrees of longitude), so that complaints of different tests never group into one matter (MattersTest
     * groups its own, elsewhere).
     */
    public static Map<String, Object> odourComplaint() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", "odour");
        body.put("description", "A sharp sulphur smell over the village every night since Monday.");
        double longitude = 117.4853 + 0.03 * (1 + PLACES.getAndIncrement() % 2000);
        body.put("location", Map.of("point", Map.of("latitude", 30.6578, "longitude", longitude), "divisionCode", WUSHA));
        body.put("observedAt", "2026-11-23T21:30:00+08:00");
        body.put("channel", "web");
        body.put("contact", Map.of("name", "Zhang Wei", "phone", "+86 138 0000 1234", "email", "zhang.wei@example.cn"));
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String member, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        if (value == null) {
            changed.remove(member);
        } else {
            changed.put(member, value);
        }
        return changed;
    }

    public static Response submit(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/complaints");
    }

    /** Files the complaint and answers its tracking code. */
    public static String filed(String token, Map<String, Object> body) {
        return submit(token, body).then().statusCode(201).extract().path("trackingCode");
    }

    /** The id of the complaint with this tracking code, read behind the service's back. */
    public static String idOf(String trackingCode) {
        return Database.queryString("select id from complaint where tracking_code = '" + trackingCode + "'");
    }
}
