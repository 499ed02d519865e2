package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.complaints.domain.PhotoContent;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Photos (issue 11 "Intake"): JPEG or PNG only, the type decided by the content (its first bytes, and that it decodes)
 * never by the name or the declared type; size-limited ({@code complaints.photos.max-bytes}, 200,000 bytes in the
 * tests); stored with their SHA-256; the same photo again is the one attached; a complaint takes at most five; the
 * handlers read them as they read the complaint.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class PhotosTest {

    private static Response upload(String token, String code, String contentType, String fileName, byte[] content) {
        return given().auth().oauth2(token).contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(content).post("/api/v1/complaint-tracking/" + code + "/photos");
    }

    @Test
    void aPngAndAJpegAreStoredWithTheirSha256AndTheTypeFoundInTheContent() throws IOException {
        String code = filed(CITIZEN, odourComplaint());
        byte[] png = image("png", 40, 30, Color.ORANGE);
        byte[] jpeg = image("jpeg", 64, 48, Color.GRAY);
        upload(CITIZEN, code, "application/octet-stream", "smoke.png", png).then().statusCode(201)
                .header("Location", endsWith("/photos/" + PhotoContent.sha256(png)))
                .body("sha256", is(PhotoContent.sha256(png)))
                .body("mediaType", is("image/png"))
                .body("bytes", is(png.length))
                .body("width", is(40)).body("height", is(30));
        // declared as PNG and named .png, but it is a JPEG: the content decides
        upload(CITIZEN, code, "image/png", "river.png", jpeg).then().statusCode(201)
                .body("mediaType", is("image/jpeg"))
                .body("width", is(64));

        String id = idOf(code);
        as(EEB_OFFICER).get("/api/v1/complaints/" + id + "/photos").then().statusCode(200)
                .body("items.sha256", contains(PhotoContent.sha256(png), PhotoContent.sha256(jpeg)))
                .body("items.mediaType", contains("image/png", "image/jpeg"));
        byte[] back = as(EEB_OFFICER).get("/api/v1/complaints/" + id + "/photos/" + PhotoContent.sha256(jpeg)).then()
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertThat(back).isEqualTo(jpeg);
        assertThat(Database.queryString("select encode(sha256(content), 'hex') from photo where sha256 = '"
                + PhotoContent.sha256(png) + "'")).isEqualTo(PhotoContent.sha256(png));
        as(EEB_OFFICER).get("/api/v1/complaints/" + id + "/photos/" + "0".repeat(64)).then().statusCode(404)
                .body("type", is("/problems/photo-not-found"));
    }

    @Test
    void aFileNamedJpgThatIsNoImageIsRefusedAndNothingIsStored() throws IOException {
        String code = filed(CITIZEN, odourComplaint());
        Map<String, Long> before = Database.rowCounts();
        long photos = Database.count("photo");
        upload(CITIZEN, code, "image/jpeg", "holiday.jpg",
                "Not a photo at all, just text in a file named .jpg".getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", is("/problems/not-an-image"));
        // a JPEG's first bytes, then rubbish: it must also decode
        byte[] fake = new byte[2000];
        fake[0] = (byte) 0xFF;
        fake[1] = (byte) 0xD8;
        fake[2] = (byte) 0xFF;
        upload(CITIZEN, code, "image/jpeg", "night.jpg", fake).then().statusCode(422)
                .body("type", is("/problems/not-an-image"));
        // a PNG cut short after its header
        byte[] png = image("png", 40, 30, Color.BLUE);
        upload(CITIZEN, code, "image/png", "cut.png", java.util.Arrays.copyOf(png, 40)).then().statusCode(422);
        // a valid PNG header claiming 100,000 x 100,000 pixels: refused before any pixel is decoded
        upload(CITIZEN, code, "image/png", "bomb.png", pngHeaderClaiming(100_000, 100_000)).then().statusCode(422)
                .body("detail", containsString("pixels"));
        // a GIF is an image, but not one of the two types taken
        upload(CITIZEN, code, "image/jpeg", "anim.jpg", image("gif", 10, 10, Color.RED)).then().statusCode(422);
        // the contract's own bad input: an empty body, a tracking code that cannot be one
        upload(CITIZEN, code, "image/png", "empty.png", new byte[0]).then().statusCode(400)
                .contentType("application/problem+json");
        upload(CITIZEN, "NOT-A-CODE", "image/png", "x.png", png).then().statusCode(400)
                .body("errors[0].field", is("trackingCode"));
        assertThat(Database.rowCounts()).isEqualTo(before);
        assertThat(Database.count("photo")).isEqualTo(photos);
    }

    @Test
    void theSamePhotoTwiceIsStoredOnceTooLargeIs413AndAComplaintTakesFive() throws IOException {
        String code = filed(CITIZEN, odourComplaint());
        byte[] png = image("png", 20, 20, Color.GREEN);
        upload(CITIZEN, code, "image/png", "a.png", png).then().statusCode(201);
        upload(CITIZEN, code, "image/png", "a-again.png", png).then().statusCode(200)
                .body("sha256", is(PhotoContent.sha256(png)));
        assertThat(Database.queryLong("select count(*) from photo where complaint_id = '" + idOf(code) + "'"))
                .isEqualTo(1);

        // over complaints.photos.max-bytes (200,000 in the tests): 413 before anything is looked at
        byte[] big = new byte[200_001];
        System.arraycopy(png, 0, big, 0, png.length);
        upload(CITIZEN, code, "image/png", "big.png", big).then().statusCode(413)
                .contentType("application/problem+json").body("type", is("/problems/body-too-large"));

        for (int i = 1; i < 5; i++) {
            upload(CITIZEN, code, "image/png", i + ".png", image("png", 20, 20 + i, Color.GREEN)).then().statusCode(201);
        }
        upload(CITIZEN, code, "image/png", "6.png", image("png", 20, 30, Color.GREEN)).then().statusCode(409)
                .body("type", is("/problems/photo-limit-reached"));
    }

    @Test
    void whoMayAttachAndWhoMayLook() throws IOException {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        byte[] png = image("png", 12, 12, Color.BLACK);
        // the code is the secret: an anonymous holder attaches as the anonymous public; a forged token is still 401
        given().contentType("image/png").body(png).post("/api/v1/complaint-tracking/" + code + "/photos").then()
                .statusCode(201);
        assertThat(Database.queryString("select added_by from photo where complaint_id = '" + id + "'")).isEqualTo("anonymous");
        given().auth().oauth2(TestTokens.signedByStranger()).contentType("image/png").body(png)
                .post("/api/v1/complaint-tracking/" + code + "/photos").then().statusCode(401);
        upload(TestTokens.thirdParty("CIVICAPP", "complaints:write"), code, "image/png", "k.png",
                image("png", 13, 13, Color.BLACK)).then().statusCode(201);
        upload(TestTokens.thirdParty("CIVICAPP", "complaints:read"), code, "image/png", "k.png", png).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
        upload(CITIZEN, "0000000000", "image/png", "k.png", png).then().statusCode(404)
                .body("type", is("/problems/tracking-code-not-found"));
        as(CITIZEN).get("/api/v1/complaints/" + id + "/photos").then().statusCode(403);
        as(OTHER_TOWN_OFFICER).get("/api/v1/complaints/" + id + "/photos").then().statusCode(404);
        as(WUSHA_OFFICER).get("/api/v1/complaints/" + id + "/photos").then().statusCode(200).body("items", hasSize(2));
    }

    /**
     * DESIGN §4: a complainant's photo reaches nobody but the handling agency with its metadata. The owning agency
     * gets the upload byte for byte (its SHA-256 is the stored one); the jurisdiction's officials and platform-admins
     * get it decoded and encoded again, without the EXIF's GPS position and device, the PNG's text and eXIf chunks.
     */
    @Test
    void aPhotoWithGpsExifReachesTheOwnerWholeAndEveryoneElseWithoutIt() throws IOException {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        byte[] jpeg = withExifApp1(image("jpeg", 64, 48, Color.GRAY));
        byte[] png = withMetadataChunks(image("png", 40, 30, Color.ORANGE));
        for (byte[] original : new byte[][] {jpeg, png}) {
            assertThat(holds(original, DEVICE)).isTrue();
            String sha256 = PhotoContent.sha256(original);
            upload(CITIZEN, code, "application/octet-stream", "photo", original).then().statusCode(201)
                    .body("sha256", is(sha256));
            assertThat(Database.queryString("select encode(sha256(content), 'hex') from photo where sha256 = '"
                    + sha256 + "'")).isEqualTo(sha256);
            String path = "/api/v1/complaints/" + id + "/photos/" + sha256;
            // the handling agency: the upload itself
            assertThat(as(EEB_OFFICER).get(path).then().statusCode(200).extract().asByteArray()).isEqualTo(original);
            // anyone else who may read the complaint: the same picture, none of its metadata
            for (String other : new String[] {WUSHA_OFFICER, ADMIN}) {
                Response served = as(other).get(path);
                served.then().statusCode(200).contentType(original == jpeg ? "image/jpeg" : "image/png");
                byte[] stripped = served.asByteArray();
                assertThat(holds(stripped, DEVICE)).as("device").isFalse();
                assertThat(holds(stripped, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
                assertThat(holds(stripped, "tEXt".getBytes(StandardCharsets.US_ASCII))).isFalse();
                assertThat(holds(stripped, "eXIf".getBytes(StandardCharsets.US_ASCII))).isFalse();
                assertThat(holds(stripped, "GPS".getBytes(StandardCharsets.US_ASCII))).isFalse();
                assertThat(PhotoContent.sha256(stripped)).isNotEqualTo(sha256);
                BufferedImage picture = ImageIO.read(new java.io.ByteArrayInputStream(stripped));
                assertThat(new int[] {picture.getWidth(), picture.getHeight()})
                        .containsExactly(original == jpeg ? new int[] {64, 48} : new int[] {40, 30});
            }
        }
        // nobody outside the complaint's handlers gets a photo at all
        as(OTHER_TOWN_OFFICER).get("/api/v1/complaints/" + id + "/photos/" + PhotoContent.sha256(jpeg)).then()
                .statusCode(404);
        as(CITIZEN).get("/api/v1/complaints/" + id + "/photos/" + PhotoContent.sha256(jpeg)).then().statusCode(403);
        given().get("/api/v1/complaints/" + id + "/photos/" + PhotoContent.sha256(jpeg)).then().statusCode(401);
    }

    private static final byte[] DEVICE = "ACME-PHONE-7Z".getBytes(StandardCharsets.US_ASCII);

    /**
     * An EXIF block (TIFF, big-endian) as a phone writes one: IFD0 with the device's Make and a GPS IFD holding
     * 30 39' 28.41" N, 117 29' 7.03" E.
     */
    private static byte[] exif() {
        ByteBuffer tiff = ByteBuffer.allocate(154);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 2); // IFD0 at 8
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(DEVICE.length + 1).putInt(38);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(52);
        tiff.putInt(0);
        tiff.put(DEVICE).put((byte) 0); // 38..52
        tiff.putShort((short) 4); // the GPS IFD at 52
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put(new byte[3]);
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(106);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put(new byte[3]);
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(130);
        tiff.putInt(0);
        tiff.putInt(30).putInt(1).putInt(39).putInt(1).putInt(2841).putInt(100); // 106..130
        tiff.putInt(117).putInt(1).putInt(29).putInt(1).putInt(703).putInt(100); // 130..154
        return tiff.array();
    }

    /** The JPEG with an APP1 Exif segment after its JFIF APP0 segment. */
    private static byte[] withExifApp1(byte[] jpeg) {
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        byte[] tiff = exif();
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length))
                .put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.writeBytes(app1.array());
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** The PNG with a tEXt chunk naming the position and device and an eXIf chunk, after its IHDR. */
    private static byte[] withMetadataChunks(byte[] png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk("tEXt", ("GPSPosition\0" + "30.65789 N 117.48529 E, ACME-PHONE-7Z")
                .getBytes(StandardCharsets.ISO_8859_1)));
        out.writeBytes(chunk("eXIf", exif()));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer typed = ByteBuffer.allocate(4 + data.length);
        typed.put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(typed.array());
        return ByteBuffer.allocate(4 + typed.capacity() + 4).putInt(data.length).put(typed.array())
                .putInt((int) crc.getValue()).array();
    }

    private static boolean holds(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] image(String format, int width, int height, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    /** The PNG signature and a well-formed IHDR chunk (with its CRC) claiming this size, and nothing else. */
    private static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }
}
