package org.ecogov.enforcement.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import org.ecogov.enforcement.Database;
import org.ecogov.enforcement.service.EvidenceService;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * Evidence files over HTTP on a real PostgreSQL: photos (JPEG, PNG made by ImageIO), PDFs and signatures, checked by
 * content and never by name, size-limited (the test profile's 64 KiB), stored with SHA-256, time and position, safe
 * to retry whole with an Idempotency-Key, read only by who may read the inspection.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EvidenceTest {

    private static final String TAKEN_AT = "2026-11-30T09:12:00+08:00";

    @Test
    void aPhotoIsStoredWithItsHashTimeAndPositionAndReadBackAsSent() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        byte[] jpeg = image("jpg");
        String id = upload(LI, inspection, "photo", "image/jpeg", jpeg).queryParam("latitude", LATITUDE)
                .queryParam("longitude", LONGITUDE).post(evidenceOf(inspection)).then().statusCode(201)
                .header("Location", containsString("/api/v1/evidence/"))
                .body("kind", is("photo")).body("contentType", is("image/jpeg")).body("size", is(jpeg.length))
                .body("sha256", is(EvidenceService.sha256(jpeg))).body("takenAt", is("2026-11-30T01:12:00Z"))
                .body("location.latitude", is((float) LATITUDE)).body("uploadedBy", is(INSPECTOR_LI))
                .extract().path("id");
        as(EEB_OFFICER).get(evidenceOf(inspection)).then().statusCode(200).body("items.id", contains(id));
        byte[] back = as(LI).get("/api/v1/evidence/" + id + "/content").then().statusCode(200)
                .contentType("image/jpeg").header("ETag", is("\"" + EvidenceService.sha256(jpeg) + "\""))
                .extract().asByteArray();
        assertThat(back).isEqualTo(jpeg);
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + inspection
                + "' and action = 'evidence-added'")).isEqualTo(1);
    }

    @Test
    void aPdfAndTheSignaturesOfThePartiesAreKept() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        upload(EEB_OFFICER, inspection, "document", "application/pdf", pdf()).post(evidenceOf(inspection)).then()
                .statusCode(201).body("contentType", is("application/pdf"));
        upload(LI, inspection, "signature", "image/png", image("png")).queryParam("party", "enterprise-representative")
                .post(evidenceOf(inspection)).then().statusCode(201).body("party", is("enterprise-representative"));
        upload(LI, inspection, "signature", "image/png", image("png")).post(evidenceOf(inspection)).then()
                .statusCode(400).body("errors.field", hasItem("party"));
        upload(LI, inspection, "photo", "image/png", image("png")).queryParam("party", "witness")
                .post(evidenceOf(inspection)).then().statusCode(400).body("errors.field", hasItem("party"));
        upload(LI, inspection, "photo", "image/png", image("png")).queryParam("latitude", LATITUDE)
                .post(evidenceOf(inspection)).then().statusCode(400).body("errors.field", hasItem("longitude"));
        as(LI).get(evidenceOf(inspection)).then().statusCode(200).body("items.kind", contains("document", "signature"));
    }

    @Test
    void theTypeIsCheckedByContentNeverByName() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        Map<String, Long> before = Database.rowCounts();
        // "report.pdf" that is not a PDF: an HTML page, and a PNG, both declared application/pdf
        byte[] html = "<html><body>%PDF-1.4 says the page, but it is not one</body></html>".getBytes(StandardCharsets.UTF_8);
        for (byte[] notPdf : new byte[][] {html, image("png")}) {
            upload(LI, inspection, "document", "application/pdf", notPdf).header("Content-Disposition",
                    "attachment; filename=\"report.pdf\"").post(evidenceOf(inspection)).then().statusCode(422)
                    .body("type", is("/problems/evidence-content-refused")).body("errors.field", hasItem("content"));
        }
        // a PDF cut short (no %%EOF): not a PDF
        byte[] pdf = pdf();
        upload(LI, inspection, "document", "application/pdf", Arrays.copyOf(pdf, pdf.length - 12))
                .post(evidenceOf(inspection)).then().statusCode(422).body("errors.field", hasItem("content"));
        // a PNG declared image/jpeg, a JPEG as a document
        upload(LI, inspection, "photo", "image/jpeg", image("png")).post(evidenceOf(inspection)).then()
                .statusCode(422).body("errors.field", hasItem("content"));
        upload(LI, inspection, "document", "image/jpeg", image("jpg")).post(evidenceOf(inspection)).then()
                .statusCode(422).body("type", is("/problems/evidence-content-refused")).body("errors.field", hasItem("kind"));
        // a type not taken at all
        upload(LI, inspection, "photo", "text/plain", html).post(evidenceOf(inspection)).then().statusCode(415);
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void aFileOverTheLimitIs413AndNothingIsWritten() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        byte[] jpeg = image("jpg");
        byte[] big = new byte[65537];
        System.arraycopy(jpeg, 0, big, 0, jpeg.length - 2);
        big[big.length - 2] = (byte) 0xff;
        big[big.length - 1] = (byte) 0xd9;
        Map<String, Long> before = Database.rowCounts();
        upload(LI, inspection, "photo", "image/jpeg", big).post(evidenceOf(inspection)).then().statusCode(413)
                .body("type", is("/problems/body-too-large")).body("detail", containsString("65536"));
        upload(LI, inspection, "photo", "image/jpeg", Arrays.copyOf(big, 65536)).post(evidenceOf(inspection)).then()
                .statusCode(422); // at the limit, but no longer ending as a JPEG: refused for its content, not its size
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void aRetryOfTheWholeUploadAnswersTheFirstAnswerAndTheKeyWithOtherBytesIs409() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        String key = UUID.randomUUID().toString();
        byte[] jpeg = image("jpg");
        String first = keyed(key, inspection, jpeg).post(evidenceOf(inspection)).then().statusCode(201).extract().path("id");
        keyed(key, inspection, jpeg).post(evidenceOf(inspection)).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", is(first));
        keyed(key, inspection, image("png")).contentType("image/png").post(evidenceOf(inspection)).then().statusCode(409)
                .body("type", is("/problems/idempotency-key-reused"));
        assertThat(Database.queryLong("select count(*) from evidence_file where inspection_id = '" + inspection + "'"))
                .isEqualTo(1);
    }

    @Test
    void onlyWhoMayReadTheInspectionReadsItsEvidenceAndOnlyWhoMayRecordItAdds() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        String id = upload(LI, inspection, "photo", "image/jpeg", image("jpg")).post(evidenceOf(inspection)).then()
                .statusCode(201).extract().path("id");
        for (String outsider : new String[] {WANG, TOWN_B_OFFICER}) {
            upload(outsider, inspection, "photo", "image/jpeg", image("jpg")).post(evidenceOf(inspection)).then()
                    .statusCode(404);
            as(outsider).get(evidenceOf(inspection)).then().statusCode(404);
            as(outsider).get("/api/v1/evidence/" + id + "/content").then().statusCode(404)
                    .body("type", is("/problems/evidence-not-found"));
        }
        upload(CITIZEN, inspection, "photo", "image/jpeg", image("jpg")).post(evidenceOf(inspection)).then()
                .statusCode(403);
    }

    @Test
    void aWrongFileIsRemovedWhileTheInspectionIsOpenUnderIfMatchAndTheAuditKeepsItsHash() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI, INSPECTOR_WANG);
        byte[] wrong = image("jpg");
        String wrongId = upload(LI, inspection, "photo", "image/jpeg", wrong).post(evidenceOf(inspection)).then()
                .statusCode(201).extract().path("id");
        String kept = upload(LI, inspection, "document", "application/pdf", pdf()).post(evidenceOf(inspection)).then()
                .statusCode(201).extract().path("id");
        String tag = etag(LI, inspection);
        String cursor = as(WANG).get("/api/v1/inspections/changes").then().statusCode(200).extract().path("next");
        String url = evidenceOf(inspection) + "/" + wrongId;
        String other = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        Map<String, Long> before = Database.rowCounts();

        // refused without If-Match (428), with a stale one (412), by an outsider (404), by the public (403), and
        // for a file of another inspection (404): nothing removed
        as(LI).delete(url).then().statusCode(428).body("errors.field", hasItem("If-Match"));
        as(LI).header("If-Match", "\"99\"").delete(url).then().statusCode(412);
        as(ZHAO).header("If-Match", tag).delete(url).then().statusCode(404).body("type", is("/problems/inspection-not-found"));
        as(TOWN_B_OFFICER).header("If-Match", tag).delete(url).then().statusCode(404);
        as(CITIZEN).header("If-Match", tag).delete(url).then().statusCode(403);
        as(LI).header("If-Match", etag(LI, other)).delete(evidenceOf(other) + "/" + wrongId).then().statusCode(404)
                .body("type", is("/problems/evidence-not-found"));
        assertThat(Database.rowCounts()).isEqualTo(before);

        // removed by an assigned inspector: a change of the inspection (its ETag moves on, the pair's feed shows it)
        String after = as(LI).header("If-Match", tag).delete(url).then().statusCode(200).body("id", is(inspection))
                .extract().header("ETag");
        assertThat(after).isNotEqualTo(tag);
        as(WANG).queryParam("since", cursor).get("/api/v1/inspections/changes").then().statusCode(200)
                .body("items.id", contains(inspection));
        as(LI).get(evidenceOf(inspection)).then().statusCode(200).body("items.id", contains(kept));
        as(LI).get("/api/v1/evidence/" + wrongId + "/content").then().statusCode(404);
        assertThat(Database.queryLong("select count(*) from evidence_content where evidence_id = '" + wrongId + "'"))
                .isZero();
        as(LI).header("If-Match", after).delete(url).then().statusCode(404).body("type", is("/problems/evidence-not-found"));
        // the audit keeps who removed which file, with its SHA-256, in the inspection's chain of entries
        String reason = Database.queryString("select reason from audit_entry where entity_id = '" + inspection
                + "' and action = 'evidence-removed'");
        assertThat(reason).contains(wrongId, EvidenceService.sha256(wrong), "image/jpeg", INSPECTOR_LI);

        // replaced: the right file is uploaded as any other
        upload(LI, inspection, "photo", "image/png", image("png")).post(evidenceOf(inspection)).then().statusCode(201);

        // once the inspection is completed its evidence stays as recorded (a late upload is still taken)
        Map<String, Object> record = new java.util.HashMap<>(onSite(LATITUDE, LONGITUDE));
        record.put("status", "completed");
        record.put("leftAt", record.get("arrivedAt"));
        as(LI).header("If-Match", after).body(record).put("/api/v1/inspections/" + inspection).then().statusCode(200);
        as(LI).header("If-Match", etag(LI, inspection)).delete(evidenceOf(inspection) + "/" + kept).then().statusCode(409)
                .body("type", is("/problems/inspection-closed"));
        as(LI).get(evidenceOf(inspection)).then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void badInputOfTheUploadIsRefusedNamingTheField() throws IOException {
        String inspection = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        byte[] jpeg = image("jpg");
        Map<String, Long> before = Database.rowCounts();
        Map<String, Map<String, Object>> badQueries = new java.util.LinkedHashMap<>();
        badQueries.put("kind", Map.of("kind", "no-such-value"));
        badQueries.put("takenAt", Map.of("takenAt", "2026-11-31T09:00:00+08:00"));
        badQueries.put("latitude", Map.of("latitude", "91", "longitude", "117"));
        badQueries.put("longitude", Map.of("latitude", "30", "longitude", "east"));
        badQueries.put("party", Map.of("kind", "signature", "party", "no-such-value"));
        for (Map.Entry<String, Map<String, Object>> bad : badQueries.entrySet()) {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("kind", "photo", "takenAt", TAKEN_AT));
            query.putAll(bad.getValue());
            given().auth().oauth2(LI).contentType("image/jpeg").header("Idempotency-Key", UUID.randomUUID().toString())
                    .queryParams(query).body(jpeg).post(evidenceOf(inspection)).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(bad.getKey()));
        }
        for (String missing : new String[] {"kind", "takenAt"}) {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("kind", "photo", "takenAt", TAKEN_AT));
            query.remove(missing);
            given().auth().oauth2(LI).contentType("image/jpeg").header("Idempotency-Key", UUID.randomUUID().toString())
                    .queryParams(query).body(jpeg).post(evidenceOf(inspection)).then().statusCode(400)
                    .body("errors.field", hasItem(missing));
        }
        given().auth().oauth2(LI).contentType("image/jpeg").queryParam("kind", "photo").queryParam("takenAt", TAKEN_AT)
                .body(jpeg).post(evidenceOf(inspection)).then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
        upload(LI, "not-an-id", "photo", "image/jpeg", jpeg).post(evidenceOf("not-an-id")).then().statusCode(400)
                .body("errors.field", hasItem("inspectionId"));
        upload(LI, inspection, "photo", "image/jpeg", new byte[0]).post(evidenceOf(inspection)).then().statusCode(400)
                .contentType("application/problem+json");
        as(LI).get("/api/v1/evidence/not-an-id/content").then().statusCode(400).body("errors.field", hasItem("evidenceId"));
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    // --- helpers

    private static String evidenceOf(String inspection) {
        return "/api/v1/inspections/" + inspection + "/evidence";
    }

    private static RequestSpecification upload(String token, String inspection, String kind, String type, byte[] body) {
        return given().auth().oauth2(token).contentType(type).header("Idempotency-Key", UUID.randomUUID().toString())
                .queryParam("kind", kind).queryParam("takenAt", TAKEN_AT).body(body);
    }

    private static RequestSpecification keyed(String key, String inspection, byte[] jpeg) {
        return given().auth().oauth2(LI).contentType("image/jpeg").header("Idempotency-Key", key)
                .queryParam("kind", "photo").queryParam("takenAt", TAKEN_AT).body(jpeg);
    }

    /** A real image of the format, made by the JDK's ImageIO. */
    private static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            image.setRGB(x, x % 24, 0x2e7d32);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A small real PDF: one empty page. */
    static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n";
        String xref = "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n";
        return (body + xref + "trailer << /Size 4 /Root 1 0 R >>\nstartxref\n" + body.length() + "\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
