package org.ecogov.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.ecogov.runtime.validation.AdversarialInputs.Probe;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every pattern of every spec (and of the event schemas) means the same to java.util.regex, as the services' bean validation applies it
 * ({@code Matcher.matches()}), and to ECMA-262, the dialect of OpenAPI and JSON Schema, as generated clients and
 * validating proxies apply it ({@code RegExp.prototype.test}, with and without the {@code u} flag): each is run on the
 * same strings by both, ECMA-262 by Node.js (which the build needs for the spec lint anyway). The strings are the
 * platform's own kinds of value, the white space and control characters the two dialects disagree about
 * ({@code \s}, {@code .}, {@code $} before a final line break), and the adversarial inputs of {@link AdversarialInputs}
 * at a small length, which sit right at each pattern's edges.
 */
class PatternDialectTest {

    private static final List<String> SAMPLES = List.of("", "a", " ", "  a", "a  ", "a b", "\t", "a\tb", "a\n", "a\nb",
            "abc\n", "\r\n", "\u0000", "\u001f", "\u007f", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028",
            "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u3000a\u3000", "\u00a0\u00a0", "x\u0085", "\u00e9t\u00e9",
            "\u4e2d\u6587\u540d\u79f0", "\ud83d\ude00", "a%b", "a_b", "a\\b", "Bearer", "Bearer realm=\"ecogov\"", "Bearerx",
            "ecok_7kq2m9xa4d", "ecok_7kq2m9xa4d_" + "A".repeat(43), "GREENWATCH", "EEB-341702", "QJIP", "C3110",
            "91341702669392367N", "91341702669392367N001P", "341702", "341702102", "341702102001", "34", "DA001",
            "DW123", "W/\"12\"", "\"12\"", "2026-11-28", "2026-11-28T08:30:00Z", "2026-11-28T08:30:00.123+08:00",
            "203.0.113.0/24", "2001:db8::/32", "/problems/not-found", "about:blank", "200000.00", "-1.50", "1.5",
            "a21026", "0123456789abcdef".repeat(4), "eyJhbGciOi_-");

    @Test
    void everyPatternMeansTheSameInJavaAndInEcma262() throws Exception {
        Set<String> patterns = new LinkedHashSet<>();
        SpecTexts.rules().forEach(rule -> patterns.add(rule.pattern()));
        patterns.addAll(SpecTexts.eventSchemaPatterns());
        Map<String, List<String>> cases = new LinkedHashMap<>();
        for (String text : patterns) {
            Pattern pattern = Pattern.compile(text);
            Set<String> samples = new LinkedHashSet<>(SAMPLES);
            for (Probe probe : AdversarialInputs.of(pattern)) {
                for (int length : new int[] { 20, 45 }) {
                    if (probe.fits(length)) {
                        samples.add(probe.text(length, Long.MAX_VALUE).subSequence(0, length).toString());
                        samples.add(probe.prefix() + probe.unit().repeat(length / probe.unit().length()));
                    }
                }
            }
            cases.put(text, new ArrayList<>(samples));
        }

        JsonNode ecma = runInNode(cases);

        List<String> disagreements = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, List<String>> entry : cases.entrySet()) {
            JsonNode answer = ecma.get(index++);
            if (answer.has("error")) {
                disagreements.add(entry.getKey() + ": not a valid ECMA-262 regex: " + answer.get("error").asText());
                continue;
            }
            Pattern java = Pattern.compile(entry.getKey());
            List<String> samples = entry.getValue();
            for (int i = 0; i < samples.size(); i++) {
                boolean javaMatches = java.matcher(samples.get(i)).matches();
                for (String flavour : List.of("plain", "unicode")) {
                    if (answer.get(flavour).get(i).asBoolean() != javaMatches) {
                        disagreements.add(entry.getKey() + " on " + CountingText.describe(samples.get(i)) + ": java "
                                + javaMatches + ", ECMA-262 (" + flavour + ") " + !javaMatches);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** For each pattern, whether ECMA-262 finds it in each sample, plain and with the u flag (or why it cannot). */
    private static JsonNode runInNode(Map<String, List<String>> cases) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        Path work = Files.createDirectories(Path.of("target", "pattern-dialects"));
        Path input = work.resolve("cases.json");
        Path script = work.resolve("ecma262.js");
        List<Map<String, Object>> list = new ArrayList<>();
        cases.forEach((pattern, samples) -> list.add(Map.of("pattern", pattern, "samples", samples)));
        json.writeValue(input.toFile(), list);
        Files.writeString(script, """
                const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
                const run = (pattern, flags, samples) => {
                  const regex = new RegExp(pattern, flags);
                  return samples.map(sample => regex.test(sample));
                };
                process.stdout.write(JSON.stringify(cases.map(c => {
                  try {
                    return { plain: run(c.pattern, '', c.samples), unicode: run(c.pattern, 'u', c.samples) };
                  } catch (e) {
                    return { error: String(e) };
                  }
                })));
                """, StandardCharsets.UTF_8);
        Process node;
        try {
            node = new ProcessBuilder("node", script.toString(), input.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js (node) is needed to run the patterns as ECMA-262 does; the build"
                    + " needs it for the spec lint as well", e);
        }
        byte[] out = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return json.readTree(out);
    }
}
