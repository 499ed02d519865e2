package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;


import org.ecogov.testing.ProblemTypes;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    /**
     * The generic vocabulary is defined once, in api-specs/common/common.yaml (ProblemType's
     * x-ecogov-problem-types, slug -> status and title): the Java enum says exactly the same.
     */
    @Test
    void genericVocabularyIsExactlyTheOneInTheCommonContract() {
        Map<String, ProblemTypes.Declared> java = new TreeMap<>();
        for (ProblemType type : ProblemType.values()) {
            java.put(type.slug(), new ProblemTypes.Declared(type.status(), type.title()));
        }
        assertThat(java).isEqualTo(ProblemTypes.generic());
    }

    /**
     * Every spec in api-specs/ declares its own types well, without redefining a generic one, and where two specs
     * declare one type (the gateway relays the registry's enterprise-not-found) they agree on it. Each service's
     * own test ties its enum to its spec's list.
     */
    @Test
    void everySpecsOwnTypesAreWellFormedAndAgree() {
        Map<String, ProblemTypes.Declared> generic = ProblemTypes.generic();
        Map<String, Map<String, ProblemTypes.Declared>> specs = ProblemTypes.everySpec();
        assertThat(specs).containsKeys("registry.yaml", "gateway.yaml");
        Map<String, ProblemTypes.Declared> seen = new TreeMap<>();
        Map<String, String> seenIn = new TreeMap<>();
        specs.forEach((spec, types) -> types.forEach((slug, declared) -> {
            String where = spec + ": " + slug;
            assertThat(slug).as(where).matches("[a-z][a-z0-9-]*");
            assertThat(declared.status()).as(where).isBetween(400, 599);
            assertThat(declared.title()).as(where).isNotBlank();
            assertThat(generic).as(where + " redefines a generic type").doesNotContainKey(slug);
            ProblemTypes.Declared earlier = seen.putIfAbsent(slug, declared);
            assertThat(earlier == null || earlier.equals(declared))
                    .as(where + " differs from " + seenIn.get(slug) + ": " + earlier + " vs " + declared).isTrue();
            seenIn.putIfAbsent(slug, spec);
        }));
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
        // what the gateway names a service's bare 429, 502 or 504 (ProxyRoute)
        assertThat(ProblemType.genericFor(429)).contains(ProblemType.RATE_LIMITED);
        assertThat(ProblemType.genericFor(502)).contains(ProblemType.BAD_GATEWAY);
        assertThat(ProblemType.genericFor(504)).contains(ProblemType.SERVICE_TIMEOUT);
        assertThat(ProblemType.genericFor(409)).isEmpty();
        assertThat(ProblemType.genericFor(418)).isEmpty();
        assertThat(ProblemType.fromSlug("teapot")).isEmpty();
    }
}
