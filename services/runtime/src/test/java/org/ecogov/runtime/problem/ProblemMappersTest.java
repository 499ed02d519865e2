package org.ecogov.runtime.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every kind of failure over HTTP, against a fixture shaped like a generated jaxrs-spec interface. Each test
 * also proves the platform's mapper won over Quarkus's own: those answer without a problem+json body (or with
 * Quarkus's ViolationReport, a MismatchedJsonInputError, or an HTML page in test mode).
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class ProblemMappersTest {

    private static final String ENTERPRISES = "/fixture/enterprises";
    private static final String VALID = "{\"uscc\":\"91341702669392367N\",\"name\":\"Guichi Smelter\"}";

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .header("validation-exception", nullValue())
                .body("type", equalTo("/problems/" + slug))
                .body("status", equalTo(status))
                .body("title", not(nullValue()));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).post(ENTERPRISES).then();
    }

    @Test
    void validRequestPasses() {
        post(VALID).statusCode(201).body("name", equalTo("Guichi Smelter"));
    }

    // --- the body is not JSON, or not there

    @Test
    void syntaxErrorIsMalformedBody() {
        problem(post("{\"uscc\": }"), 400, "malformed-body")
                .body("detail", startsWith("The request body is not valid JSON: "))
                .body("detail", containsString("line 1, column 10"))
                .body("instance", equalTo(ENTERPRISES))
                .body("errors", nullValue());
    }

    @Test
    void truncatedJsonIsMalformedBody() {
        problem(post("{\"uscc\": \"91341702669392367N\""), 400, "malformed-body");
    }

    @Test
    void emptyBodyIsMalformedBody() {
        problem(post(""), 400, "malformed-body").body("detail", equalTo("The request body is missing."));
    }

    @Test
    void arrayInsteadOfObjectIsMalformedBody() {
        problem(post("[]"), 400, "malformed-body").body("detail", equalTo("The request body must be an object."));
    }

    // --- JSON of the wrong shape: validation-failed naming the JSON path

    @Test
    void wrongTypeNamesTheNestedField() {
        problem(post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"location\":{\"latitude\":\"north\",\"longitude\":1}}"),
                400, "validation-failed")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("location.latitude"))
                .body("errors[0].message", equalTo("must be a number"));
    }

    @Test
    void wrongTypeInAListElementNamesTheIndex() {
        problem(post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"outlets\":[{\"code\":\"DW001\",\"medium\":\"water\","
                + "\"pollutants\":[{\"pollutant\":\"w01018\",\"limit\":\"lots\"}]}]}"), 400, "validation-failed")
                .body("errors[0].field", equalTo("outlets[0].pollutants[0].limit"));
    }

    @Test
    void unknownEnumValueListsTheAllowedValues() {
        problem(post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"outlets\":[{\"code\":\"DW001\",\"medium\":\"fire\"}]}"),
                400, "validation-failed")
                .body("errors[0].field", equalTo("outlets[0].medium"))
                .body("errors[0].message", equalTo("must be one of: water, air"));
    }

    @Test
    void badDateTimeIsValidationFailed() {
        problem(post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"registeredAt\":\"yesterday\"}"), 400,
                "validation-failed")
                .body("errors[0].field", equalTo("registeredAt"))
                .body("errors[0].message", startsWith("must be an RFC 3339 date-time"));
    }

    @Test
    void unknownPropertyIsNamed() {
        problem(post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"colour\":\"red\"}"), 400, "validation-failed")
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("is not a known property"));
    }

    @Test
    void nothingJavaLeaksFromJacksonErrors() {
        post("{\"uscc\":\"91341702669392367N\",\"name\":\"S\",\"registeredAt\":12,\"location\":{\"latitude\":[]}}")
                .statusCode(400)
                .body(not(containsString("java.")))
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("org.ecogov")));
    }

    // --- bean validation on the generated interface

    @Test
    void constraintViolationsNameEveryFieldAsTheClientWroteIt() {
        String body = "{\"uscc\":\"x\",\"legal-representative\":\"Zhang Wei\",\"division_code\":\"12\","
                + "\"location\":{\"latitude\":91,\"longitude\":1},"
                + "\"outlets\":[{\"code\":\"DW001\",\"medium\":\"water\"},"
                + "{\"code\":\"XX\",\"medium\":\"air\",\"pollutants\":[{\"pollutant\":\"zz\",\"limit\":1}]}],"
                + "\"industries\":[\"C3110\",\"bad\"]}";
        problem(post(body), 400, "validation-failed")
                .body("instance", equalTo(ENTERPRISES))
                .body("detail", startsWith("7 fields are invalid: "))
                .body("errors.field", contains("division_code", "industries[1]", "location.latitude", "name",
                        "outlets[1].code", "outlets[1].pollutants[0].pollutant", "uscc"))
                .body("errors.find { it.field == 'location.latitude' }.message",
                        equalTo("must be less than or equal to 90"));
    }

    /**
     * A string over its length is refused before bean validation runs (services/runtime's TextLengths, so that no
     * pattern ever reads it): the answer names the over-long strings only, as the client wrote them.
     */
    @Test
    void anOverLongStringIsNamedAloneAsTheClientWroteIt() {
        String body = "{\"uscc\":\"x\",\"legal-representative\":\"" + "a".repeat(60) + "\",\"division_code\":\"12\"}";
        problem(post(body), 400, "validation-failed")
                .body("errors.field", contains("legal-representative"))
                .body("detail", equalTo("legal-representative: size must be between 0 and 50"));
    }

    @Test
    void queryParameterViolationIsNamedByTheParameter() {
        problem(given().get(ENTERPRISES + "?limit=0").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("limit"))
                .body("detail", equalTo("limit: must be greater than or equal to 1"));
    }

    @Test
    void headerViolationIsNamedByTheHeader() {
        problem(given().header("X-Correlation-Id", "NO").get(ENTERPRISES).then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("X-Correlation-Id"));
    }

    @Test
    void pathParameterViolationIsNamedByTheParameter() {
        problem(given().contentType("application/json").header("If-Match", "\"3\"").body(VALID)
                .put(ENTERPRISES + "/abc").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("uscc"))
                .body("instance", equalTo(ENTERPRISES + "/abc"));
    }

    // --- parameters that do not convert (JAX-RS would say 404)

    @Test
    void unconvertibleQueryParameterIsValidationFailedNotNotFound() {
        problem(given().get(ENTERPRISES + "?limit=ten").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].message", equalTo("must be an integer"));
    }

    @Test
    void unknownEnumInQueryListsTheValues() {
        problem(given().get(ENTERPRISES + "?status=bogus").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", equalTo("must be one of: OPERATING, SUSPENDED, CLOSED"));
    }

    @Test
    void servicesOwnNotFoundWithACauseStaysNotFound() {
        problem(given().get("/fixture/failures/wrapped-not-found?q=abc").then(), 404, "not-found")
                .body("errors", nullValue());
    }

    // --- JAX-RS routing

    @Test
    void unknownPathIsNotFound() {
        problem(given().get("/nowhere").then(), 404, "not-found").body("instance", equalTo("/nowhere"));
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        problem(given().delete(ENTERPRISES).then(), 405, "method-not-allowed");
    }

    @Test
    void unacceptableMediaTypeIsNotAcceptable() {
        problem(given().accept("text/csv").get(ENTERPRISES).then(), 406, "not-acceptable");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        problem(given().contentType("text/plain").body(VALID).post(ENTERPRISES).then(), 415, "unsupported-media-type")
                .body("detail", containsString("text/plain"));
    }

    @Test
    void otherStatusWithoutAWordOfOurOwnIsAboutBlank() {
        given().get("/fixture/failures/conflict").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Conflict"));
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        problem(given().get("/fixture/failures/unavailable").then(), 503, "service-unavailable")
                .header("Retry-After", equalTo("30"));
    }

    // --- problems thrown by services

    @Test
    void problemExceptionKeepsItsTypeAndDetail() {
        problem(given().get("/fixture/failures/enterprise-not-found").then(), 404, "enterprise-not-found")
                .body("detail", equalTo("No enterprise 91341702669392367N."))
                .body("instance", equalTo("/fixture/failures/enterprise-not-found"));
    }

    @Test
    void problemExceptionCarriesItsHeaders() {
        problem(given().get("/fixture/failures/rate-limited").then(), 429, "rate-limited")
                .header("Retry-After", "7").header("RateLimit-Remaining", "0")
                .body("detail", equalTo("Slow down."));
    }

    @Test
    void problemExceptionCarriesItsFields() {
        problem(given().get("/fixture/failures/bad-check-character").then(), 400, "invalid-uscc-check-character")
                .body("errors[0].field", equalTo("uscc"));
        problem(given().get("/fixture/failures/overlap").then(), 409, "permit-overlap")
                .body("errors.field", contains("validFrom", "validTo"));
    }

    @Test
    void ifMatchRulesOverHttp() {
        String path = ENTERPRISES + "/91341702669392367N";
        problem(given().contentType("application/json").body(VALID).put(path).then(), 428, "precondition-required")
                .body("errors[0].field", equalTo("If-Match"));
        problem(given().contentType("application/json").header("If-Match", "\"2\"").body(VALID).put(path).then(), 412,
                "stale-version");
        problem(given().contentType("application/json").header("If-Match", "three").body(VALID).put(path).then(), 400,
                "validation-failed").body("errors[0].field", equalTo("If-Match"));
        given().contentType("application/json").header("If-Match", "W/\"3\"").body(VALID).put(path).then()
                .statusCode(200).header("ETag", equalTo("\"4\""));
    }

    // --- the server's own failures

    @Test
    void bugIsAnInternalErrorWithAnErrorIdAndNoDetailOfTheFailure() {
        problem(given().get("/fixture/failures/bug").then(), 500, "internal-error")
                .body("detail", matchesPattern("An unexpected error occurred\\. Quote error id [0-9a-f-]{36} when reporting it\\."))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("hunter2")))
                .body(not(containsString("org.ecogov")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void jacksonFailureOutsideTheRequestBodyIsTheServersFault() {
        problem(given().get("/fixture/failures/downstream").then(), 500, "internal-error");
    }

    @Test
    void violationOnAnInternalBeanIsTheServersFault() {
        problem(given().get("/fixture/failures/internal-validation").then(), 500, "internal-error");
    }

    @Test
    void violatedReturnValueIsTheServersFault() {
        problem(given().get("/fixture/failures/bad-return").then(), 500, "internal-error");
    }

    @Test
    void problemJsonIsSentToAClientThatAcceptsOnlyJson() {
        problem(given().accept("application/json").get("/fixture/failures/enterprise-not-found").then(), 404,
                "enterprise-not-found");
    }

    @Test
    void problemJsonIsSentEvenWhenNothingTheClientAcceptsCanBeServed() {
        problem(given().accept("text/html").get("/fixture/failures/enterprise-not-found").then(), 406,
                "not-acceptable");
    }
}
