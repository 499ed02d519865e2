package org.ecogov.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of an API key, {@code ecok_<id>_<secret>}: a public id of 10 lower-case letters and digits (it
 * names the key in listings and lets a leaked key be recognised) and a secret of 32 random bytes in
 * base64url. Only a SHA-256 hash of the secret is stored; the secret is random and long, so a slow
 * password hash would add nothing but latency. Hashes are compared in constant time.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "ecok_";
    private static final Pattern KEY = Pattern.compile("^(ecok_[a-z0-9]{10})_([A-Za-z0-9_-]{43})$");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as the client presented it, split; nothing is known about it yet. */
    public record Presented(String id, String secret) {

        @Override
        public String toString() {
            return "Presented[id=" + id + ", secret=***]";
        }
    }

    /** A fresh key: the whole text to hand over once, its id, and the hash to store. */
    public record Issued(String id, String key, byte[] secretHash) {

        @Override
        public String toString() {
            return "Issued[id=" + id + ", key=***]";
        }
    }

    private ApiKeySecrets() {
    }

    public static Optional<Presented> parse(String text) {
        if (text == null || text.length() > 80) {
            return Optional.empty();
        }
        var matcher = KEY.matcher(text.strip());
        return matcher.matches() ? Optional.of(new Presented(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public static Issued issue() {
        StringBuilder id = new StringBuilder(PREFIX);
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return withId(id.toString());
    }

    /** A new secret for an existing id (rotation). */
    public static Issued withId(String id) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(id, id + "_" + secret, hash(secret));
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Constant-time: the time taken does not depend on where the hashes differ. */
    public static boolean matches(String secret, byte[] storedHash) {
        return matches(hash(secret), storedHash);
    }

    /** The same for a secret already hashed with {@link #hash}. */
    public static boolean matches(byte[] presentedHash, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(presentedHash, storedHash);
    }
}
