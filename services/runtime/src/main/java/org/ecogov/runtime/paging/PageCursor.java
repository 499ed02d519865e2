package org.ecogov.runtime.paging;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * Opaque cursors for keyset pagination: the sort key of the last item of a page, base64url
 * encoded. Decoding checks the key's shape so a forged cursor is a 400 naming `cursor`, not a 500.
 */
public final class PageCursor {

    private PageCursor() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which the page starts, or null for the first page. */
    public static String decode(String cursor, Predicate<String> validKey) {
        if (cursor == null) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (validKey.test(key)) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below like any other foreign cursor
        }
        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "cursor", "not a cursor issued by this service");
    }
}
