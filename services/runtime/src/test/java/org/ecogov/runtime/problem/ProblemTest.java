package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.ecogov.runtime.fixture.FixtureProblem;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void absentAndEmptyMembersAreLeftOut() throws Exception {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, null, "/api/v1/enterprises/x");
        assertThat(JSON.writeValueAsString(problem)).isEqualTo(
                "{\"type\":\"/problems/not-found\",\"title\":\"No such resource\",\"status\":404,"
                        + "\"instance\":\"/api/v1/enterprises/x\"}");
    }

    @Test
    void fieldViolationsAreListedUnderErrors() throws Exception {
        Problem problem = Problem.of(ProblemType.VALIDATION_FAILED, "limit: too big", "/x",
                List.of(new FieldViolation("limit", "must be at most 100")));
        assertThat(JSON.writeValueAsString(problem)).isEqualTo(
                "{\"type\":\"/problems/validation-failed\",\"title\":\"The request is not valid\",\"status\":400,"
                        + "\"detail\":\"limit: too big\",\"instance\":\"/x\","
                        + "\"errors\":[{\"field\":\"limit\",\"message\":\"must be at most 100\"}]}");
    }

    @Test
    void errorsAreCopied() {
        List<FieldViolation> errors = new ArrayList<>(List.of(new FieldViolation("a", "b")));
        Problem problem = Problem.of(ProblemType.VALIDATION_FAILED, null, null, errors);
        errors.clear();
        assertThat(problem.errors()).hasSize(1);
        assertThat(new Problem("about:blank", "Conflict", 409, null, null, null).errors()).isEmpty();
    }

    @Test
    void problemExceptionFactoriesCarryTypeDetailAndFields() {
        ProblemException notFound = ProblemException.of(FixtureProblem.ENTERPRISE_NOT_FOUND, "No enterprise X.");
        assertThat(notFound.type()).isEqualTo(FixtureProblem.ENTERPRISE_NOT_FOUND);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.detail()).isEqualTo("No enterprise X.");
        assertThat(notFound.violations()).isEmpty();
        assertThat(notFound.getStackTrace()).isEmpty();

        ProblemException field = ProblemException.field(FixtureProblem.INVALID_USCC_CHECK_CHARACTER, "uscc",
                "check character should be N");
        assertThat(field.violations()).containsExactly(new FieldViolation("uscc", "check character should be N"));
        assertThat(field.detail()).isEqualTo("uscc: check character should be N");

        ProblemException fields = ProblemException.fields(ProblemType.VALIDATION_FAILED, "Two are wrong.",
                List.of(new FieldViolation("a", "x"), new FieldViolation("b", "y")));
        assertThat(fields.violations()).hasSize(2);

        ProblemException bare = ProblemException.of(ProblemType.FORBIDDEN);
        assertThat(bare.detail()).isNull();
        assertThat(bare.getMessage()).isEqualTo(ProblemType.FORBIDDEN.title());
    }

    @Test
    void violationNeedsAMessage() {
        assertThatThrownBy(() -> new FieldViolation("a", null)).isInstanceOf(NullPointerException.class);
    }
}
