package org.ecogov.complaints.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The text fields of GeoReport's form body, checked as the contract's {@code Open311RequestForm} says. The code
 * generator puts no bean validation on form parameters (it does on JSON bodies and query parameters), so the
 * resource checks them here: each field's bounds and pattern, copied from the contract; Open311Test compares this
 * table with api-specs/complaints.yaml so the two cannot drift apart.
 */
final class Open311Form {

    /** A form field's rule: its length bounds and its pattern. */
    record Rule(int minLength, int maxLength, String pattern) {
    }

    private static final String TEXT = "^[^\\u0000-\\u001f]*$";

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("description", new Rule(5, 2000, "^[\\u0009\\u000a\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028"
                + "\\u2029\\u202f\\u205f\\u3000\\ufeff]*[^\\u0000-\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
                + "\\u205f\\u3000\\ufeff][^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"));
        RULES.put("lat", new Rule(1, 20, "^-?[0-9]{1,2}(\\.[0-9]{1,15})?$"));
        RULES.put("long", new Rule(1, 20, "^-?[0-9]{1,3}(\\.[0-9]{1,15})?$"));
        RULES.put("address_id", new Rule(6, 12, "^([0-9]{6}|[0-9]{9}|[0-9]{12})$"));
        RULES.put("address_string", new Rule(0, 500, TEXT));
        RULES.put("email", new Rule(3, 200, "^[^\\u0000-\\u0020@]+@[^\\u0000-\\u0020@]+$"));
        RULES.put("first_name", new Rule(1, 50, TEXT));
        RULES.put("last_name", new Rule(1, 49, TEXT));
        RULES.put("phone", new Rule(3, 30, "^[0-9+() -]+$"));
        RULES.put("device_id", new Rule(0, 100, TEXT));
        RULES.put("account_id", new Rule(0, 100, TEXT));
        RULES.put("media_url", new Rule(10, 2000, "^[Hh][Tt][Tt][Pp][Ss]?://[^\\u0000-\\u0020]+$"));
        RULES.put("jurisdiction_id", new Rule(1, 100, "^[A-Za-z0-9._-]+$"));
    }

    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        RULES.forEach((name, rule) -> PATTERNS.put(name, Pattern.compile(rule.pattern())));
    }

    private Open311Form() {
    }

    /** Refuses a field that breaks its rule (400 naming it); the length first, so no pattern reads a long value. */
    static void check(String name, String value) {
        if (value == null) {
            return;
        }
        Rule rule = RULES.get(name);
        if (value.length() < rule.minLength() || value.length() > rule.maxLength()) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, name,
                    "must be " + rule.minLength() + " to " + rule.maxLength() + " characters long");
        }
        if (!PATTERNS.get(name).matcher(value).matches()) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, name, "must match " + rule.pattern());
        }
    }

    /** The services' codes, as the contract's enum of {@code service_code} lists them. */
    static final java.util.List<String> SERVICE_CODES = java.util.List.of("water", "air", "noise", "solid-waste", "odour",
            "other");

    static void serviceCode(String value) {
        if (value != null && !SERVICE_CODES.contains(value)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "service_code",
                    "must be one of " + String.join(", ", SERVICE_CODES));
        }
    }

    /** A checked coordinate within +-bound degrees, or null. */
    static Double degrees(String name, String value, double bound) {
        check(name, value);
        if (value == null) {
            return null;
        }
        double degrees = Double.parseDouble(value);
        if (degrees < -bound || degrees > bound) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, name,
                    "must be between -" + (int) bound + " and " + (int) bound);
        }
        return degrees;
    }

    /**
     * A media URL as a reference: an absolute http(s) URL with a host and no user information (which would be a
     * password in the clear), or null. Never fetched.
     */
    static String mediaUrl(String value) {
        check("media_url", value);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "media_url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "media_url",
                    "must be an http or https URL with a host and without user information");
        }
        return value;
    }

    static void required(String name, Object value) {
        if (value == null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, name, "is required");
        }
    }
}
