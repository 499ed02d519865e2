package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    /** The platform's vocabulary, as agreed with api-specs/common/common.yaml. */
    private static final Map<String, Integer> VOCABULARY = vocabulary(
            "validation-failed", 400, "malformed-body", 400, "invalid-uscc-check-character", 400,
            "unauthenticated", 401, "forbidden", 403, "outside-jurisdiction", 403, "not-found", 404,
            "enterprise-not-found", 404, "outlet-not-found", 404, "permit-not-found", 404, "agency-not-found", 404,
            "division-not-found", 404, "lead-agency-not-found", 404, "method-not-allowed", 405,
            "not-acceptable", 406, "enterprise-exists", 409, "outlet-exists", 409, "permit-exists", 409,
            "agency-exists", 409, "division-exists", 409, "responsibility-conflict", 409,
            "invalid-status-transition", 409, "permit-overlap", 409, "permit-outlet-mismatch", 422,
            "stale-version", 412, "body-too-large", 413, "unsupported-media-type", 415,
            "precondition-required", 428, "internal-error", 500, "service-unavailable", 503);

    private static Map<String, Integer> vocabulary(Object... slugsAndStatuses) {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        for (int i = 0; i < slugsAndStatuses.length; i += 2) {
            vocabulary.put((String) slugsAndStatuses[i], (Integer) slugsAndStatuses[i + 1]);
        }
        return vocabulary;
    }

    @Test
    void vocabularyIsExactlyThePlatformsList() {
        Map<String, Integer> actual = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::slug, ProblemType::status, (a, b) -> a, LinkedHashMap::new));
        assertThat(actual).containsExactlyEntriesOf(VOCABULARY);
    }

    @Test
    void uriIsTheSlugUnderProblems() {
        assertThat(ProblemType.STALE_VERSION.uri()).isEqualTo("/problems/stale-version");
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.uri()).isEqualTo("/problems/" + type.slug());
            assertThat(type.title()).isNotBlank();
            assertThat(ProblemType.fromSlug(type.slug())).contains(type);
        }
    }

    @Test
    void genericTypesAreTheOnesWhoseStatusSaysItAll() {
        assertThat(ProblemType.genericFor(404)).contains(ProblemType.NOT_FOUND);
        assertThat(ProblemType.genericFor(400)).contains(ProblemType.VALIDATION_FAILED);
        assertThat(ProblemType.genericFor(409)).isEmpty();
        assertThat(ProblemType.genericFor(418)).isEmpty();
        assertThat(ProblemType.fromSlug("teapot")).isEmpty();
    }
}
