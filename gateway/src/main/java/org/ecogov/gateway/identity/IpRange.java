package org.ecogov.gateway.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An address or CIDR range from a key's allowed-IP list; IPv4 and IPv6. */
public final class IpRange {

    private static final Pattern LITERAL = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private IpRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException saying why, when the text is not an address or range */
    public static IpRange parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("not an address or CIDR range");
        }
        byte[] address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 or IPv6 address"));
        int bits = address.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the prefix length is not a number");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("the prefix length must be 0 to " + bits);
            }
        }
        return new IpRange(text, mask(address, prefix), prefix);
    }

    /** Parses a numeric address without ever asking DNS. */
    public static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || !LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        if (!text.contains(":") && text.split("\\.", -1).length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String address) {
        return literal(address).map(this::contains).orElse(false);
    }

    boolean contains(byte[] address) {
        byte[] comparable = address;
        if (address.length == 16 && network.length == 4 && isV4Mapped(address)) {
            comparable = java.util.Arrays.copyOfRange(address, 12, 16);
        }
        return comparable.length == network.length && java.util.Arrays.equals(mask(comparable, prefix), network);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - keep)));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
