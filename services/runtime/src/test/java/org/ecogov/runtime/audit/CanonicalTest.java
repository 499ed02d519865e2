package org.ecogov.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

class CanonicalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void keysAreSortedAndWhitespaceGoes() throws Exception {
        assertThat(Canonical.json(read("{ \"b\": 1, \"a\": { \"d\": [1, 2, {\"z\": true, \"y\": null}], \"c\": \"x\" } }")))
                .isEqualTo("{\"a\":{\"c\":\"x\",\"d\":[1,2,{\"y\":null,\"z\":true}]},\"b\":1}");
    }

    @Test
    void keyOrderDoesNotChangeTheDigest() throws Exception {
        assertThat(Canonical.digest(read("{\"name\":\"Smelter\",\"uscc\":\"91341702669392367N\"}")))
                .isEqualTo(Canonical.digest(read("{\"uscc\":\"91341702669392367N\",  \"name\":\"Smelter\"}")));
    }

    @Test
    void equalNumbersAreWrittenAlike() throws Exception {
        ObjectMapper decimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        String expected = "{\"a\":1.5,\"b\":2,\"c\":0,\"d\":-0.001,\"e\":12000000000}";
        String json = "{\"a\":1.50,\"b\":2.0,\"c\":-0.0,\"d\":-1E-3,\"e\":1.2e10}";
        assertThat(Canonical.json(read(json))).isEqualTo(expected);
        assertThat(Canonical.json(decimals.readTree(json))).isEqualTo(expected);
        assertThat(Canonical.json(JsonNodeFactory.instance.numberNode(new BigDecimal("15E-1")))).isEqualTo("1.5");
    }

    @Test
    void bigIntegersStayExact() throws Exception {
        assertThat(Canonical.json(read("[123456789012345678901234567890]"))).isEqualTo("[123456789012345678901234567890]");
    }

    @Test
    void stringsAreEscapedOnlyWhereJsonRequires() throws Exception {
        JsonNode node = JsonNodeFactory.instance.textNode("贵池 \"quoted\" \\ \n\t\u0001");
        assertThat(Canonical.json(node)).isEqualTo("\"贵池 \\\"quoted\\\" \\\\ \\n\\t\\u0001\"");
    }

    @Test
    void differentContentHasDifferentDigests() throws Exception {
        assertThat(Canonical.digest(read("{\"a\":\"1\"}"))).isNotEqualTo(Canonical.digest(read("{\"a\":1}")));
        assertThat(Canonical.digest(read("{\"a\":null}"))).isNotEqualTo(Canonical.digest(read("{}")));
        assertThat(Canonical.digest(read("[1,2]"))).isNotEqualTo(Canonical.digest(read("[2,1]")));
    }

    @Test
    void digestIsLowerCaseSha256Hex() throws Exception {
        // sha256("{}")
        assertThat(Canonical.digest(read("{}")))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void nothingHasNoDigest() {
        assertThat(Canonical.digest(null)).isNull();
        assertThat(Canonical.digest(MissingNode.getInstance())).isNull();
        assertThat(Canonical.json(null)).isEqualTo("null");
    }
}
