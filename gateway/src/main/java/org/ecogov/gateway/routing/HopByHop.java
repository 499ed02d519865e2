package org.ecogov.gateway.routing;

import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * Headers that describe one connection rather than the message (RFC 9110 §7.6.1), which a proxy must not
 * pass on: the fixed list, plus any header the {@code Connection} header names.
 */
public final class HopByHop {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** Copies the end-to-end headers of {@code from} into {@code to}, except those in {@code skip} (lower case). */
    public static void copy(MultiMap from, MultiMap to, Set<String> skip) {
        Set<String> named = connectionNamed(from);
        for (var header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!ALWAYS.contains(name) && !named.contains(name) && !skip.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private static Set<String> connectionNamed(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (String token : connection.split(",")) {
            names.add(token.strip().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
