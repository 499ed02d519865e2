package org.ecogov.runtime.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Over HTTP, against a fixture whose strings carry {@code @Size} beside the pattern that backtracked quadratically
 * (issue 9): a string longer than its {@code @Size} allows is refused before bean validation runs, so its pattern never
 * sees it (the answer names only the length; bean validation would have added "must match"), every such string of a
 * body or of the parameters is named at once with bean validation's own message, and strings within their limits are
 * validated as before.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class TextLengthsTest {

    private static final String TEXTS = "/fixture/texts";
    private static final String SIZE_1_200 = "size must be between 1 and 200";

    private static ValidatableResponse validationFailed(ValidatableResponse response) {
        return response.statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/validation-failed"));
    }

    @Test
    void anOverLongStringIsRefusedForItsLengthAlone() {
        // 15,000 characters and a control character: had the pattern run, "must match" would be named too
        String name = "a".repeat(15_000) + "\u0001";
        validationFailed(given().contentType("application/json").body(Map.of("name", name)).post(TEXTS).then())
                .body("errors.field", contains("name"))
                .body("errors.message", contains(SIZE_1_200))
                .body("detail", equalTo("name: " + SIZE_1_200));
    }

    @Test
    void everyOverLongStringOfTheBodyIsNamedWhereTheClientWroteIt() {
        Map<String, Object> body = Map.of(
                "name", "n".repeat(201),
                "part", Map.of("part-label", "p".repeat(31)),
                "tags", List.of("ok", "t".repeat(21)),
                "parts", List.of(Map.of("part-label", "q".repeat(31))));
        validationFailed(given().contentType("application/json").body(body).post(TEXTS).then())
                .body("errors.field", contains("name", "part.part-label", "parts[0].part-label", "tags[1]"))
                .body("errors.message", contains(SIZE_1_200, "size must be between 0 and 30",
                        "size must be between 0 and 30", "size must be between 1 and 20"))
                .body("detail", startsWith("4 fields are invalid: "));
    }

    @Test
    void withinTheirLimitsStringsAreValidatedAsBefore() {
        validationFailed(given().contentType("application/json")
                .body(Map.of("name", "x\u0001", "tags", List.of("  "))).post(TEXTS).then())
                .body("errors.field", contains("name", "tags[0]"))
                .body("errors.message", everyItem(startsWith("must match")));
        given().contentType("application/json").body(Map.of("name", "Guichi Smelter", "tags", List.of("metal")))
                .post(TEXTS).then().statusCode(200).body("name", equalTo("Guichi Smelter"));
    }

    @Test
    void overLongParametersAreRefusedForTheirLengthAlone() {
        validationFailed(given().queryParam("nameContains", "a".repeat(3_000) + "\u0001")
                .queryParam("tag", "short", "t".repeat(11))
                .header("X-Note", "n".repeat(41))
                .get(TEXTS).then())
                .body("errors.field", contains("X-Note", "nameContains", "tag"))
                .body("errors.message", contains("size must be between 0 and 40", "size must be between 1 and 100",
                        "size must be between 0 and 10"));
    }

    @Test
    void parametersWithinTheirLimitsAreValidatedAsBefore() {
        validationFailed(given().queryParam("nameContains", " ").get(TEXTS).then())
                .body("errors.field", contains("nameContains"))
                .body("errors.message", contains(startsWith("must match")));
        given().queryParam("nameContains", "smelter").queryParam("tag", "metal").get(TEXTS).then().statusCode(200)
                .body("nameContains", equalTo("smelter"), "tags", contains("metal"));
    }

    @Test
    void anAnswerNamesTheLimitNotTheValue() {
        validationFailed(given().contentType("application/json").body(Map.of("name", "secret".repeat(40)))
                .post(TEXTS).then())
                .body("detail", containsString("size must be between"))
                .body("detail", org.hamcrest.Matchers.not(containsString("secret")));
    }

    @Test
    void aParameterSentEmptyIsRefusedWhereItsDeclarationNeedsACharacter() {
        // Quarkus REST hands the method null for "?nameContains=", as if it were not sent; the contract refuses it
        validationFailed(given().urlEncodingEnabled(false).get(TEXTS + "?nameContains=").then())
                .body("errors.field", contains("nameContains"));
        validationFailed(given().urlEncodingEnabled(false).get(TEXTS + "?limit=").then())
                .body("errors.field", contains("limit"))
                .body("errors.message", contains(containsString("integer")));
        validationFailed(given().header("X-Note", "").get(TEXTS).then()).body("errors.field", contains("X-Note"));
        validationFailed(given().urlEncodingEnabled(false).get(TEXTS + "?tag=metal&tag=").then())
                .body("errors.field", contains("tag"));
        // a string declared with no lower limit takes the empty value
        given().urlEncodingEnabled(false).get(TEXTS + "?cursor=").then().statusCode(200);
    }
}
