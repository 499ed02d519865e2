package org.ecogov.gateway.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An API key sent as a field of an {@code application/x-www-form-urlencoded} body, as GeoReport v2 (Open311) clients
 * send {@code api_key}: found, and taken out of the body before it goes on, so the secret reaches no service (the
 * service gets the key's identity as a token, as for a key in a header). Every other field is passed on byte for
 * byte, in its order.
 *
 * @param key the key's text; empty when the body has no such field; the empty text when the field is there but
 *        unusable (twice, empty, or not valid percent-encoding), which the door refuses as an invalid key
 * @param rest the body without the field
 */
record FormKey(Optional<String> key, String rest) {

    static final String FORM = "application/x-www-form-urlencoded";

    /** Whether a request's Content-Type is a URL-encoded form (any parameters after it aside). */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals(FORM);
    }

    /** The field {@code name} of a form body, and the body without it. */
    static FormKey of(String body, String name) {
        List<String> kept = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String pair : body.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String decodedName;
            try {
                decodedName = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                kept.add(pair); // not the key's field, whatever it is: the service judges it
                continue;
            }
            if (!decodedName.equals(name)) {
                kept.add(pair);
                continue;
            }
            try {
                found.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                found.add("");
            }
        }
        if (found.isEmpty()) {
            return new FormKey(Optional.empty(), body);
        }
        return new FormKey(Optional.of(found.size() == 1 ? found.get(0) : ""), String.join("&", kept));
    }
}
