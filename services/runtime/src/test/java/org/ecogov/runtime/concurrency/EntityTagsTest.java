package org.ecogov.runtime.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {

    @Test
    void etagIsTheQuotedVersion() {
        assertThat(EntityTags.etag(7)).isEqualTo("\"7\"");
        assertThat(EntityTags.etag(0)).isEqualTo("\"0\"");
    }

    @Test
    void strongAndWeakTagsNameTheVersion() {
        assertThat(EntityTags.requireVersion("\"7\"")).isEqualTo(7);
        assertThat(EntityTags.requireVersion("W/\"7\"")).isEqualTo(7);
        assertThat(EntityTags.requireVersion(" \"12\" ")).isEqualTo(12);
        assertThat(EntityTags.requireVersion(EntityTags.etag(Long.MAX_VALUE / 10))).isEqualTo(Long.MAX_VALUE / 10);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void missingIfMatchIsPreconditionRequired(String ifMatch) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> EntityTags.requireVersion(ifMatch));
        assertThat(problem.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED);
        assertThat(problem.status()).isEqualTo(428);
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("If-Match");
    }

    @ParameterizedTest
    @ValueSource(strings = { "7", "*", "\"7\", \"8\"", "\"seven\"", "W/7", "w/\"7\"", "\"-1\"", "\"7", "\"\"",
            "\"99999999999999999999\"" })
    void anythingButOneVersionTagIsInvalid(String ifMatch) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> EntityTags.requireVersion(ifMatch));
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("If-Match");
    }

    @Test
    void currentVersionPasses() {
        assertThat(EntityTags.checkCurrent("\"3\"", 3)).isEqualTo(3);
        assertThat(EntityTags.checkCurrent("W/\"3\"", 3)).isEqualTo(3);
    }

    @Test
    void otherVersionIsStale() {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> EntityTags.checkCurrent("\"2\"", 3));
        assertThat(problem.type()).isEqualTo(ProblemType.STALE_VERSION);
        assertThat(problem.status()).isEqualTo(412);
        assertThat(problem.detail()).contains("version 3");
    }

    @Test
    void checkCurrentStillRequiresTheHeader() {
        assertThatThrownBy(() -> EntityTags.checkCurrent(null, 3))
                .isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }
}
