package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    /**
     * The vocabulary is defined once, in api-specs/common/common.yaml: the ProblemType schema's enum lists
     * the type URIs and its description gives each slug's status as "slug (NNN)". The Java enum must say
     * exactly the same.
     */
    @Test
    void vocabularyIsExactlyTheOneInTheCommonContract() throws IOException {
        JsonNode schema = new ObjectMapper(new YAMLFactory())
                .readTree(commonContract().toFile())
                .at("/components/schemas/ProblemType");
        List<String> uris = new ArrayList<>();
        schema.get("enum").forEach(uri -> uris.add(uri.asText()));
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([a-z-]+) \\((\\d{3})\\)").matcher(schema.get("description").asText());
        while (m.find()) {
            statuses.put(m.group(1), Integer.parseInt(m.group(2)));
        }

        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList()).containsExactlyInAnyOrderElementsOf(uris);
        Map<String, Integer> actual = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::slug, ProblemType::status, (a, b) -> a, LinkedHashMap::new));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(statuses);
    }

    private static Path commonContract() {
        String root = System.getProperty("ecogov.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
        return base.resolve("api-specs/common/common.yaml");
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
