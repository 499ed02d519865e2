package org.ecogov.emissions;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.ecogov.testing.TestTokens;

import static io.restassured.RestAssured.given;

/** The callers the emissions tests use, with real signed tokens (services/testing's TestTokens). */
public final class Fixtures {

    public static final String DISTRICT = "341702";
    public static final String TOWN_B = "341702102";
    public static final String EEB = "EEB-341702";

    public static final String ADMIN = TestTokens.platformAdmin();
    public static final String EEB_OFFICER = TestTokens.officer(EEB, DISTRICT);
    public static final String TOWN_B_OFFICER = TestTokens.officer("TG-341702102", TOWN_B);
    public static final String EEB_LEAD = TestTokens.lead(EEB, DISTRICT);
    public static final String INSPECTOR = TestTokens.inspector(EEB, DISTRICT);
    public static final String CITIZEN = TestTokens.citizen();

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
