package org.ecogov.complaints.rest;

import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.ecogov.complaints.TestRegistry;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code listComplaints?suspectedUscc=}: the complaints naming one enterprise, in the caller's view as the list is
 * (an official sees those their agency owns or placed in their jurisdiction, a platform-admin all).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class ComplaintsAboutAnEnterpriseTest {

    /** An enterprise of its own in Wusha Town, so that no other test's complaints name it. */
    private static final String PAPER_MILL = "91341702MA2N0X5K3" + Uscc.checkCharacter("91341702MA2N0X5K3");

    private static Map<String, Object> about(String uscc, String division) {
        Map<String, Object> body = odourComplaint();
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) ((Map<String, Object>) body.get("location")).get("point");
        body.put("location", Map.of("point", point, "divisionCode", division));
        body.put("suspectedEnterprise", uscc);
        return body;
    }

    @Test
    void theListFiltersBySuspectedEnterpriseWithinTheCallersView() {
        TestRegistry.seed().enterprise(PAPER_MILL, "Wusha Paper Mill", WUSHA, false, 30.7012, 117.3921);
        String inWusha = idOf(filed(CITIZEN, about(PAPER_MILL, WUSHA)));
        String inOtherTown = idOf(filed(CITIZEN, about(PAPER_MILL, OTHER_TOWN)));
        String smelters = idOf(filed(CITIZEN, about(SMELTER, WUSHA)));

        as(EEB_OFFICER).queryParam("suspectedUscc", PAPER_MILL).queryParam("limit", 100).get("/api/v1/complaints")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(inWusha, inOtherTown))
                .body("items.suspectedEnterprise", everyItem(is(PAPER_MILL)));
        // the town's officials see the one placed in their town only, and its contact details not (the EEB owns it)
        as(WUSHA_OFFICER).queryParam("suspectedUscc", PAPER_MILL).queryParam("limit", 100).get("/api/v1/complaints")
                .then().statusCode(200)
                .body("items.id", contains(inWusha))
                .body("items[0].contact", nullValue());
        as(OTHER_TOWN_OFFICER).queryParam("suspectedUscc", PAPER_MILL).get("/api/v1/complaints")
                .then().statusCode(200).body("items.id", contains(inOtherTown));
        as(ADMIN).queryParam("suspectedUscc", SMELTER).queryParam("limit", 100).get("/api/v1/complaints")
                .then().statusCode(200)
                .body("items.id", hasItem(smelters))
                .body("items.id", not(hasItems(inWusha)))
                .body("items.suspectedEnterprise", everyItem(is(SMELTER)));
        // combined with the other filters (AND)
        as(EEB_OFFICER).queryParam("suspectedUscc", PAPER_MILL).queryParam("under", OTHER_TOWN).get("/api/v1/complaints")
                .then().statusCode(200).body("items.id", contains(inOtherTown));
        // the public and keys have no handled view at all
        as(CITIZEN).queryParam("suspectedUscc", PAPER_MILL).get("/api/v1/complaints").then().statusCode(403);
    }

    @Test
    void aMalformedCodeOrAWrongCheckCharacterIs400NamingTheParameter() {
        as(EEB_OFFICER).queryParam("suspectedUscc", "not-a-uscc").get("/api/v1/complaints").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("suspectedUscc"));
        as(EEB_OFFICER).queryParam("suspectedUscc", "91341702669392367A").get("/api/v1/complaints").then().statusCode(400)
                .body("errors[0].field", is("suspectedUscc"))
                .body("errors[0].message", containsString("check character should be N"));
    }
}
