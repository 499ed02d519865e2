package org.ecogov.complaints.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a photo is, decided by its content alone (issue 11 "photos"): never by a file name or a declared media type.
 * A JPEG starts {@code FF D8 FF}, a PNG with its eight-byte signature; then the bytes must decode as an image of
 * that format (the JDK's ImageIO readers), of at most {@link #MAX_PIXELS} pixels, whose size is read from the header
 * before any pixel is decoded, so a small file claiming a huge image is refused without the memory it would take.
 */
public final class PhotoContent {

    /** Fifty megapixels: more than any phone takes, far less than a decompression bomb asks for. */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** A photo found to be one: its media type and size. */
    public record Inspected(String mediaType, int width, int height) {
    }

    /** Why the content is not a photo, for the 422 the caller gets. */
    public static final class NotAnImage extends Exception {
        public NotAnImage(String why) {
            super(why, null, false, false);
        }
    }

    private PhotoContent() {
    }

    public static Inspected inspect(byte[] content) throws NotAnImage {
        String format;
        String mediaType;
        if (startsWith(content, JPEG)) {
            format = "jpeg";
            mediaType = "image/jpeg";
        } else if (startsWith(content, PNG)) {
            format = "png";
            mediaType = "image/png";
        } else {
            throw new NotAnImage("the content is neither a JPEG nor a PNG (its first bytes say so, whatever its name)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("the JDK has no " + format + " reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
                    throw new NotAnImage("the image is " + width + " x " + height + " pixels; at most " + MAX_PIXELS
                            + " pixels are taken");
                }
                if (reader.read(0) == null) {
                    throw new NotAnImage("the content starts as a " + format.toUpperCase() + " but does not decode");
                }
                return new Inspected(mediaType, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's readers answer broken data with IIOException and, for some damage, runtime exceptions
            throw new NotAnImage("the content starts as a " + format.toUpperCase() + " but does not decode as one");
        }
    }

    /** The SHA-256 of the content, 64 lower-case hex digits. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
