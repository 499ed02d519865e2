package org.ecogov.enforcement;

import static io.restassured.RestAssured.given;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.testing.TestTokens;

/**
 * The small world the enforcement tests share: district 341702 with two towns, officials of the district EEB and of
 * town B, two inspectors, and enterprises in the service's copy of the registry, written there as the refresh from
 * the registry writes them (no registry runs beside the service in these tests).
 */
public final class Fixtures {

    public static final String DISTRICT = "341702";
    public static final String TOWN_A = "341702101";
    public static final String TOWN_B = "341702102";
    public static final String EEB = "EEB-341702";
    public static final String TOWN_B_GOV = "TG-341702102";

    /** Where the demo enterprises stand, near Chizhou. */
    public static final double LATITUDE = 30.6578;
    public static final double LONGITUDE = 117.4853;

    public static final String ADMIN = TestTokens.platformAdmin();
    public static final String EEB_OFFICER = TestTokens.officer(EEB, DISTRICT);
    public static final String TOWN_B_OFFICER = TestTokens.officer(TOWN_B_GOV, TOWN_B);
    public static final String EEB_LEAD = TestTokens.lead(EEB, DISTRICT);
    public static final String INSPECTOR_LI = "inspector.li";
    public static final String INSPECTOR_WANG = "inspector.wang";
    public static final String INSPECTOR_ZHAO = "inspector.zhao";
    public static final String LI = inspector(INSPECTOR_LI);
    public static final String WANG = inspector(INSPECTOR_WANG);
    public static final String ZHAO = inspector(INSPECTOR_ZHAO);
    public static final String CITIZEN = TestTokens.citizen();

    private Fixtures() {
    }

    public static String inspector(String username) {
        return TestTokens.builder().username(username).clientId("ecogov-inspector-app").roles("inspector").agency(EEB)
                .jurisdiction(DISTRICT).sign();
    }

    /** A request with the caller's token and a fresh Idempotency-Key (ignored where an operation takes none). */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key",
                java.util.UUID.randomUUID().toString());
    }

    public static String newUscc() {
        StringBuilder first17 = new StringBuilder("91" + DISTRICT);
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        return first17 + String.valueOf(Uscc.checkCharacter(first17.toString()));
    }

    /** A new enterprise in the copy of the registry, at the demo location, in this division. */
    public static String enterpriseIn(String divisionCode) {
        return enterpriseAt(divisionCode, LATITUDE, LONGITUDE);
    }

    public static String enterpriseAt(String divisionCode, double latitude, double longitude) {
        String uscc = newUscc();
        Database.execute("insert into enterprise_copy (uscc, name, division_code, latitude, longitude, key_monitored, "
                + "status, refreshed_at) values (?, ?, ?, ?, ?, false, 'operating', ?)", uscc, "Enterprise " + uscc,
                divisionCode, latitude, longitude, Timestamp.from(Instant.now()));
        return uscc;
    }

    /** A routine inspection of the enterprise by these inspectors, assigned by the district officer; its id. */
    public static String routineInspection(String uscc, String... inspectors) {
        return as(EEB_OFFICER).body(routine(uscc, inspectors)).post("/api/v1/inspections").then().statusCode(201)
                .extract().path("id");
    }

    public static Map<String, Object> routine(String uscc, String... inspectors) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "routine");
        body.put("enterpriseUscc", uscc);
        body.put("inspectors", List.of(inspectors));
        return body;
    }

    /** A record on site with a position, one checklist item and one finding. */
    public static Map<String, Object> onSite(double latitude, double longitude) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", "on-site");
        body.put("arrivedAt", "2026-11-30T09:00:00+08:00");
        body.put("location", Map.of("latitude", latitude, "longitude", longitude));
        body.put("checklist", List.of(Map.of("code", "W-1", "question", "Is the wastewater treatment running?",
                "answer", "yes")));
        body.put("findings", List.of(Map.of("description", "Discharge log not kept since October", "violation", true,
                "outletCode", "DW001", "pollutantCode", "w01018")));
        return body;
    }

    /** A case against the enterprise with one violation, opened by the district officer; its id. */
    public static String openCase(String uscc) {
        return as(EEB_OFFICER).body(Map.of("enterpriseUscc", uscc, "violations", List.of(Map.of(
                        "legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                        "description", "COD discharged over the permitted concentration"))))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** A warning proposed in the case; its id. */
    public static String warning(String caseId) {
        return as(EEB_OFFICER).body(Map.of("kind", "warning", "description", "Warned"))
                .post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201).extract().path("id");
    }

    public static String etag(String token, String inspectionId) {
        return as(token).get("/api/v1/inspections/" + inspectionId).then().statusCode(200).extract().header("ETag");
    }
}
