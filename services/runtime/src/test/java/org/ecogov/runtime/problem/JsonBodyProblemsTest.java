package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;

import org.ecogov.runtime.fixture.EnterpriseCreate;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The same translation the HTTP tests see, without a server, for shapes that are awkward to send. */
class JsonBodyProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final JsonBodyProblems problems = new JsonBodyProblems(JSON);

    private ProblemException problemFor(String body) {
        Throwable failure = catchThrowable(() -> JSON.readValue(body, EnterpriseCreate.class));
        assertThat(failure).as("reading %s", body).isNotNull();
        return problems.toProblem(failure).orElseThrow();
    }

    @Test
    void syntaxErrorIsAMalformedBodyWithItsPosition() {
        ProblemException problem = problemFor("{\n \"name\": 'x'}");
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_BODY);
        assertThat(problem.detail()).startsWith("The request body is not valid JSON: ").contains("(line 2, column");
        assertThat(problem.detail()).doesNotContain("Source", "com.fasterxml", "StreamReadFeature");
    }

    @Test
    void wrappedSyntaxErrorIsFoundUnderTheWrapper() {
        Throwable parse = catchThrowable(() -> JSON.readTree("{"));
        Optional<ProblemException> problem = problems.toProblem(new WebApplicationException(parse, 400));
        assertThat(problem).get().extracting(ProblemException::type).isEqualTo(ProblemType.MALFORMED_BODY);
    }

    @Test
    void wrongTypesNameTheJsonPath() {
        ProblemException problem = problemFor("{\"outlets\":[{\"code\":\"DW001\",\"pollutants\":[{\"limit\":{}}]}]}");
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(problem.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("outlets[0].pollutants[0].limit");
            assertThat(violation.message()).isEqualTo("must be a number");
        });
    }

    @Test
    void jsonNamesAreUsedNotJavaNames() {
        ProblemException problem = problemFor("{\"legal-representative\":[1]}");
        assertThat(problem.violations()).singleElement().extracting(FieldViolation::field)
                .isEqualTo("legal-representative");
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        ProblemException problem = problemFor("{\"outlets\":[{\"medium\":\"fire\"}]}");
        assertThat(problem.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("outlets[0].medium");
            assertThat(violation.message()).isEqualTo("must be one of: water, air");
        });
    }

    @Test
    void badDateTimeSaysWhatFormIsExpected() {
        ProblemException problem = problemFor("{\"registeredAt\":\"2026-13-45\"}");
        assertThat(problem.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("registeredAt");
            assertThat(violation.message()).startsWith("must be an RFC 3339 date-time");
        });
    }

    @Test
    void unknownPropertyIsNamed() {
        ProblemException problem = problemFor("{\"location\":{\"latitude\":1,\"altitude\":2}}");
        assertThat(problem.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("location.altitude");
            assertThat(violation.message()).isEqualTo("is not a known property");
        });
    }

    @Test
    void wrongTopLevelShapeIsAMalformedBody() {
        ProblemException problem = problemFor("[]");
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_BODY);
        assertThat(problem.detail()).isEqualTo("The request body must be an object.");
    }

    @Test
    void definitionProblemsAreNotTheClients() {
        Throwable failure = catchThrowable(() -> JSON.readValue("{\"task\":{}}", AbstractProperty.class));
        assertThat(failure).isInstanceOf(InvalidDefinitionException.class);
        assertThat(problems.toProblem(failure)).isEmpty();
    }

    @Test
    void nonJsonFailuresAreNotTranslated() {
        assertThat(problems.toProblem(new IllegalStateException("x"))).isEmpty();
    }

    /** Jackson cannot build this (an abstract type without type information): a server-side bug. */
    static class AbstractProperty {
        public Runnable task;
    }
}
