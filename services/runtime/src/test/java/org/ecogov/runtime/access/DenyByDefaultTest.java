package org.ecogov.runtime.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.logging.Level;

import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A resource method without {@link Access} is refused, not served to whoever is signed in: a forgotten
 * declaration is a 403 and an error in the log naming the method, never a leak.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class DenyByDefaultTest {

    @Test
    void aMethodWithoutADeclarationIsRefusedEvenToAPlatformAdmin() {
        try (LogCapture logs = LogCapture.start()) {
            given().auth().oauth2(TestTokens.platformAdmin()).get("/fixture/undeclared/forgotten").then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(403))
                    .body(not(containsString("leaked")));

            assertTrue(logs.await(line -> line.level().intValue() >= Level.SEVERE.intValue()
                    && line.message().contains("UndeclaredResource.forgotten")
                    && line.message().contains("no @Access declaration"), Duration.ofSeconds(5)).isPresent(),
                    "the refusal is logged as a programming error naming the method");
        }
    }

    @Test
    void theDeclaredMethodBesideItIsServedByItsRule() {
        given().auth().oauth2(TestTokens.platformAdmin()).get("/fixture/undeclared/declared").then()
                .statusCode(200).body(equalTo("served"));
        given().auth().oauth2(TestTokens.officer("eeb", "341702")).get("/fixture/undeclared/declared").then()
                .statusCode(403);
    }
}
