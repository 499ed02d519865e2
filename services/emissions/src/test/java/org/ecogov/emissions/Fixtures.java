package org.ecogov.emissions;

import io.restassured.http.ContentType;
import org.ecogov.runtime.identifiers.Uscc;
import java.util.concurrent.ThreadLocalRandom;
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

    /** A fresh, valid USCC of an enterprise in the district. */
    public static String newUscc() {
        StringBuilder first17 = new StringBuilder("91" + DISTRICT);
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        return first17 + String.valueOf(Uscc.checkCharacter(first17.toString()));
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
