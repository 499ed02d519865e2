package org.ecogov.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation ids. A client's own {@code X-Request-Id} is kept when it is sane (1 to 128 of
 * {@code A-Z a-z 0-9 . _ : -}), so a department system can follow its calls through our logs; anything
 * else (absent, too long, or able to forge log lines) is replaced by a fresh UUID.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestIds() {
    }

    public static String keepOrCreate(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
