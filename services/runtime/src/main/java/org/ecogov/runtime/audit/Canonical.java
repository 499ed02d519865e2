package org.ecogov.runtime.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One spelling for every JSON value, so that equal content hashes equally however it was produced or
 * stored (PostgreSQL's jsonb, for one, reorders keys): object keys sorted (by UTF-16 code units, as RFC 8785
 * does), no whitespace, strings escaped as JSON requires and otherwise left as they are, numbers in plain
 * decimal notation without trailing zeros ({@code 1.50} and {@code 1.5} and {@code 15E-1} are all
 * {@code 1.5}; {@code 2.0} is {@code 2}).
 */
public final class Canonical {

    private Canonical() {
    }

    /** The canonical JSON text of a value; a Java {@code null} is {@code null}. */
    public static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** SHA-256 of the canonical JSON, in lower-case hex; null for null (nothing there, e.g. before a create). */
    public static String digest(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return sha256Hex(json(node));
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> elements = node.elements();
            boolean first = true;
            while (elements.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(elements.next(), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(plainNumber(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isTextual() || node.isBinary()) {
            // binary nodes read back as their base64 text
            writeString(node.asText(), out);
        } else {
            throw new IllegalArgumentException("no canonical form for a " + node.getNodeType() + " node");
        }
    }

    private static String plainNumber(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (!node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("JSON has no " + node.doubleValue());
        }
        BigDecimal value = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText());
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }
}
