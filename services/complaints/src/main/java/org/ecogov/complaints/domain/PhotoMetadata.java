package org.ecogov.complaints.domain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A public photo without its metadata (DESIGN §4: a complainant's photo must not lead back to their home): the image
 * decoded and encoded again by the JDK's ImageIO, which writes the pixels and nothing of the original's EXIF (GPS
 * position, device, owner), XMP, IPTC, comments or text chunks. A JPEG is encoded again at {@link #JPEG_QUALITY}
 * (some loss, invisible at that quality), a PNG losslessly. The EXIF orientation goes too, so a phone photo taken
 * upright may show turned: the handling agency has the original.
 */
public final class PhotoMetadata {

    /** The JPEG quality the stripped copy is encoded at. */
    public static final float JPEG_QUALITY = 0.92f;

    private PhotoMetadata() {
    }

    /** The content of a photo already found to be one ({@link PhotoContent}), as {@code mediaType}, without metadata. */
    public static byte[] stripped(byte[] content, String mediaType) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            if (image == null) {
                throw new IllegalStateException("a stored photo no longer decodes");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
            if (mediaType.equals("image/png")) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IllegalStateException("the JDK has no PNG writer");
                }
                return out.toByteArray();
            }
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            if (!writers.hasNext()) {
                throw new IllegalStateException("the JDK has no JPEG writer");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
