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

    /**
     * An enterprise and its outlets in the service's copy of the registry, as the registry's events would leave them
     * (LimitsRefreshTest proves that path): each outlet with an upper limit of 100 for SO2 (a21026) and 200 for
     * NOx (a21002), in mg/m3, since before the copy knew it, and a permit naming them all in force from three years
     * ago to three years ahead.
     */
    public static String copiedEnterprise(String division, String... outlets) {
        String uscc = newUscc();
        Database.execute("insert into enterprise_copy (uscc, name, division_code, park, status, registry_version, copied_at)"
                + " values ('" + uscc + "', 'Enterprise " + uscc + "', '" + division + "', 'QJIP', 'operating', 1, now())");
        for (String outlet : outlets) {
            Database.execute("insert into outlet_copy (uscc, outlet_code, kind, registry_version, copied_at) values ('"
                    + uscc + "', '" + outlet + "', '" + (outlet.startsWith("DA") ? "air" : "water") + "', 1, now())");
            Database.execute("insert into outlet_limit (uscc, outlet_code, pollutant, unit, limit_max, registry_version)"
                    + " values ('" + uscc + "', '" + outlet + "', 'a21026', 'mg/m3', 100, 1),"
                    + " ('" + uscc + "', '" + outlet + "', 'a21002', 'mg/m3', 200, 1)");
        }
        Database.execute("insert into permit_copy (permit_number, uscc, valid_from, valid_to, status, outlet_codes,"
                + " registry_version, copied_at) values ('" + uscc + "001P', '" + uscc + "', current_date - 1095,"
                + " current_date + 1095, 'in-force', array[" + java.util.Arrays.stream(outlets).map(o -> "'" + o + "'")
                .collect(java.util.stream.Collectors.joining(",")) + "]::varchar(5)[], 1, now())");
        return uscc;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
