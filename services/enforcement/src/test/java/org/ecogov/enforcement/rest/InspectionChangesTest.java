package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The inspector's sync: {@code GET /api/v1/inspections/changes?since=} returns exactly the inspections of the
 * caller's assignments created or changed since the cursor, each once, as they stand, and nothing of anyone else's.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class InspectionChangesTest {

    @Test
    void theFeedReturnsExactlyWhatChangedInTheCallersAssignments() {
        // a fresh inspector, so the earlier tests' assignments do not count
        String me = "inspector.feed." + System.nanoTime();
        String token = inspector(me);
        String uscc = enterpriseIn(TOWN_A);

        JsonPath start = as(token).get("/api/v1/inspections/changes").then().statusCode(200)
                .body("items", empty()).extract().jsonPath();
        String cursor = start.getString("next");

        String mine1 = routineInspection(uscc, me, INSPECTOR_WANG);
        String mine2 = routineInspection(uscc, me);
        String others = routineInspection(uscc, INSPECTOR_ZHAO);

        JsonPath first = changes(token, cursor);
        assertThat(first.getList("items.id", String.class)).containsExactly(mine1, mine2);
        cursor = first.getString("next");

        // nothing happened since: nothing, and the cursor stays
        JsonPath quiet = changes(token, cursor);
        assertThat(quiet.getList("items")).isEmpty();
        assertThat(quiet.getString("next")).isEqualTo(cursor);

        // someone else's inspection changes, then one of mine (recorded by my colleague), then mine again
        as(inspector(INSPECTOR_ZHAO)).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE))
                .put("/api/v1/inspections/" + others).then().statusCode(200);
        as(WANG).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put("/api/v1/inspections/" + mine1)
                .then().statusCode(200);
        as(token).header("If-Match", "\"2\"").body(onSite(LATITUDE + 0.001, LONGITUDE))
                .put("/api/v1/inspections/" + mine1).then().statusCode(200);

        JsonPath second = changes(token, cursor);
        assertThat(second.getList("items.id", String.class)).containsExactly(mine1);
        assertThat(second.getInt("items[0].audit.version")).isEqualTo(3);
        assertThat(second.getString("items[0].status")).isEqualTo("on-site");
        assertThat(changes(token, second.getString("next")).getList("items")).isEmpty();

        // from the beginning: each of my inspections once, in the order of their last change
        assertThat(changes(token, null).getList("items.id", String.class)).containsExactly(mine2, mine1);
    }

    @Test
    void theFeedPagesInChangeOrder() {
        String me = "inspector.pages." + System.nanoTime();
        String token = inspector(me);
        String uscc = enterpriseIn(TOWN_B);
        List<String> ids = List.of(routineInspection(uscc, me), routineInspection(uscc, me), routineInspection(uscc, me));

        JsonPath page1 = as(token).queryParam("limit", 2).get("/api/v1/inspections/changes").then().statusCode(200)
                .body("limit", is(2)).extract().jsonPath();
        assertThat(page1.getList("items.id", String.class)).containsExactly(ids.get(0), ids.get(1));
        JsonPath page2 = as(token).queryParam("limit", 2).queryParam("since", page1.getString("next"))
                .get("/api/v1/inspections/changes").then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.id", String.class)).containsExactly(ids.get(2));
    }

    @Test
    void anInspectorWithoutAssignmentsSeesNothing() {
        String uscc = enterpriseIn(TOWN_A);
        routineInspection(uscc, INSPECTOR_LI);
        as(inspector("inspector.idle")).get("/api/v1/inspections/changes").then().statusCode(200).body("items", empty());
        as(TestTokens.builder().roles("inspector").agency(EEB).jurisdiction(DISTRICT).sign())
                .get("/api/v1/inspections/changes").then().statusCode(200).body("items", empty());
    }

    private static JsonPath changes(String token, String since) {
        var request = as(token).queryParam("limit", 100);
        if (since != null) {
            request.queryParam("since", since);
        }
        return request.get("/api/v1/inspections/changes").then().statusCode(200).extract().jsonPath();
    }
}
