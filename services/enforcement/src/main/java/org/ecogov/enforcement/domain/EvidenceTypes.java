package org.ecogov.enforcement.domain;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an evidence file is, found in its bytes (never in a name): a JPEG begins with FF D8 FF and ends with the
 * end-of-image marker FF D9 (trailing zero padding allowed); a PNG begins with its 8-byte signature followed by the
 * IHDR chunk; a PDF begins with {@code %PDF-1.} or {@code %PDF-2.} and has {@code %%EOF} in its last 1024 bytes. These
 * are the formats' own markers (ISO/IEC 10918-1, ISO/IEC 15948, ISO 32000); anything else is none of them.
 */
public final class EvidenceTypes {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String PDF = "application/pdf";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private EvidenceTypes() {
    }

    /** The type the content is, if it is one of the three. */
    public static Optional<String> typeOf(byte[] content) {
        if (isJpeg(content)) {
            return Optional.of(JPEG);
        }
        if (isPng(content)) {
            return Optional.of(PNG);
        }
        if (isPdf(content)) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** Whether a kind of evidence may be of this type: photos and signatures are images, documents PDFs. */
    public static boolean fits(String kind, String type) {
        return "document".equals(kind) ? PDF.equals(type) : JPEG.equals(type) || PNG.equals(type);
    }

    private static boolean isJpeg(byte[] c) {
        if (c.length < 4 || (c[0] & 0xff) != 0xff || (c[1] & 0xff) != 0xd8 || (c[2] & 0xff) != 0xff) {
            return false;
        }
        int end = c.length;
        while (end > 2 && c[end - 1] == 0) {
            end--;
        }
        return (c[end - 2] & 0xff) == 0xff && (c[end - 1] & 0xff) == 0xd9;
    }

    private static boolean isPng(byte[] c) {
        if (c.length < 16) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (c[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return c[12] == 'I' && c[13] == 'H' && c[14] == 'D' && c[15] == 'R';
    }

    private static boolean isPdf(byte[] c) {
        if (c.length < 16) {
            return false;
        }
        String head = new String(c, 0, 7, StandardCharsets.ISO_8859_1);
        if (!head.equals("%PDF-1.") && !head.equals("%PDF-2.")) {
            return false;
        }
        int from = Math.max(0, c.length - 1024);
        return new String(c, from, c.length - from, StandardCharsets.ISO_8859_1).contains("%%EOF");
    }
}
