package org.ecogov.registry;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.testing.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;

/**
 * The small world the registry tests share: district 341702 with two towns, the district EEB and
 * one town government, and callers of every kind with real signed tokens.
 */
public final class Fixtures {

    public static final String DISTRICT = "341702";
    public static final String TOWN_A = "341702101";
    public static final String TOWN_B = "341702102";
    public static final String EEB = "EEB-341702";
    public static final String TOWN_B_GOV = "TG-341702102";

    public static final String ADMIN = TestTokens.platformAdmin();
    public static final String EEB_OFFICER = TestTokens.officer(EEB, DISTRICT);
    public static final String TOWN_B_OFFICER = TestTokens.officer(TOWN_B_GOV, TOWN_B);
    public static final String EEB_LEAD = TestTokens.lead(EEB, DISTRICT);
    public static final String INSPECTOR = TestTokens.inspector(EEB, DISTRICT);
    public static final String CITIZEN = TestTokens.citizen();

    private static volatile boolean worldReady;

    private Fixtures() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Divisions and agencies every test relies on; created once per test JVM, through the API. */
    public static synchronized void ensureWorld() {
        if (worldReady) {
            return;
        }
        division("340000", "Anhui Province", null);
        division("341700", "Chizhou City", "340000");
        division(DISTRICT, "Guichi District", "341700");
        division(TOWN_A, "Town A", DISTRICT);
        division(TOWN_B, "Town B", DISTRICT);
        agency(EEB, "Guichi District Ecology and Environment Bureau", "ecology-environment-bureau", DISTRICT);
        agency(TOWN_B_GOV, "Town B Government", "town-government", TOWN_B);
        worldReady = true;
    }

    private static void division(String code, String name, String parent) {
        Map<String, Object> body = parent == null ? Map.of("code", code, "name", name)
                : Map.of("code", code, "name", name, "parentCode", parent);
        int status = as(ADMIN).body(body).post("/api/v1/divisions").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("division " + code + ": " + status);
        }
    }

    private static void agency(String code, String name, String kind, String jurisdiction) {
        int status = as(ADMIN).body(Map.of("code", code,
                        "details", Map.of("name", name, "kind", kind, "jurisdiction", jurisdiction)))
                .post("/api/v1/agencies").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("agency " + code + ": " + status);
        }
    }

    /** A fresh USCC with a correct check character, registered in the district. */
    public static String newUscc() {
        StringBuilder first17 = new StringBuilder("91" + DISTRICT);
        for (int i = 0; i < 9; i++) {
            first17.append(ThreadLocalRandom.current().nextInt(10));
        }
        return first17.toString() + Uscc.checkCharacter(first17.toString());
    }

    /** The same code with a wrong check character. */
    public static String withWrongCheckCharacter(String uscc) {
        char right = uscc.charAt(17);
        return uscc.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    public static Map<String, Object> details(String name, String divisionCode) {
        return Map.of(
                "name", name,
                "legalRepresentative", "Zhang Wei",
                "industryCode", "C3211",
                "address", "1 Riverside Road, Qianjiang Industrial Park",
                "location", Map.of("latitude", 30.6578, "longitude", 117.4853),
                "divisionCode", divisionCode,
                "park", "QJIP",
                "keyMonitored", true);
    }

    public static Response registerEnterprise(String token, String uscc, String name, String divisionCode) {
        return as(token).body(Map.of("uscc", uscc, "details", details(name, divisionCode)))
                .post("/api/v1/enterprises");
    }

    /** Registers an enterprise as platform-admin and returns its USCC. */
    public static String enterpriseIn(String divisionCode) {
        ensureWorld();
        String uscc = newUscc();
        Response r = registerEnterprise(ADMIN, uscc, "Enterprise " + uscc, divisionCode);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("register " + uscc + ": " + r.asString());
        }
        return uscc;
    }

    public static Map<String, Object> airOutlet(String code) {
        return Map.of("code", code, "kind", "air", "details", Map.of(
                "name", "Smelter stack " + code,
                "location", Map.of("latitude", 30.6581, "longitude", 117.4860),
                "pollutants", List.of(
                        Map.of("pollutant", "a21026", "limitMax", 100, "annualPermittedTonnes", 52.5),
                        Map.of("pollutant", "a21002", "limitMax", 150),
                        Map.of("pollutant", "a34013", "limitMax", 10))));
    }

    public static Map<String, Object> waterOutlet(String code) {
        return Map.of("code", code, "kind", "water", "details", Map.of(
                "name", "Main wastewater outlet",
                "location", Map.of("latitude", 30.6570, "longitude", 117.4840),
                "pollutants", List.of(
                        Map.of("pollutant", "w01001", "limitMin", 6, "limitMax", 9),
                        Map.of("pollutant", "w01018", "limitMax", 50, "annualPermittedTonnes", 12),
                        Map.of("pollutant", "w21003", "limitMax", 5))));
    }

    public static Map<String, Object> permit(String number, String from, String to, List<String> outlets) {
        return permit(number, from, to, outlets, EEB);
    }

    /** A permit "issued by" this agency. */
    public static Map<String, Object> permit(String number, String from, String to, List<String> outlets, String issuer) {
        return Map.of("number", number, "managementClass", "key", "validFrom", from, "validTo", to,
                "issuingAgency", issuer, "outletCodes", outlets);
    }

    /** New terms for a permit, with the reason. */
    public static Map<String, Object> amendment(String from, String to, List<String> outlets, String reason) {
        return Map.of("managementClass", "key", "validFrom", from, "validTo", to, "outletCodes", outlets, "reason", reason);
    }

    /**
     * Sends {@code count} requests at once, each from its own thread released by one latch, and answers them in the
     * order of their index.
     */
    public static List<Response> concurrently(int count, IntFunction<Response> request)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
