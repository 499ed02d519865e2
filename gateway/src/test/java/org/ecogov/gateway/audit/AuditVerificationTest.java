package org.ecogov.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.AuditWitnessTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The gateway's own audit chain (every change to an API key) verified at /api/v1/gateway/audit-entries/verification:
 * its links, and its head against the checkpoints its witness keeps. Here the gateway witnesses its own chain
 * (AuditWitnessTestResource): its checkpoints leave through its outbox and relay to a real broker, come back to its
 * witness's queue and are asked for through the generated client, as from the registry in a deployment.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
@WithTestResource(ArtemisTestResource.class)
@WithTestResource(value = AuditWitnessTestResource.class, initArgs = {
        @ResourceArg(name = AuditWitnessTestResource.CHAIN_ARG, value = "gateway"),
        @ResourceArg(name = AuditWitnessTestResource.PREFIX_ARG, value = "/api/v1/gateway") })
class AuditVerificationTest {

    private static final String VERIFICATION = "/api/v1/gateway/audit-entries/verification";

    @Test
    void everyChangeToAKeyIsWitnessedAndTheChainIsIntact() throws Exception {
        String id = Keys.issue("WITNESSED", "registry:read").getString("apiKey.id");
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(java.util.Map.of("reason", "contract ended")).post("/api/v1/api-keys/" + id + "/revocation")
                .then().statusCode(200);

        JsonPath verification = witnessedVerification();
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
        assertThat(verification.getString("status")).isEqualTo("intact");
        assertThat(verification.getLong("lastSequence")).isEqualTo(query("select max(sequence) from audit_entry"));

        JsonPath head = given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/gateway/audit-checkpoints/gateway/head")
                .then().statusCode(200).extract().jsonPath();
        assertThat(head.getLong("sequence")).isEqualTo(verification.getLong("lastSequence"));
        assertThat(head.getString("hash")).isEqualTo(queryText("select hash from audit_entry order by sequence desc limit 1"));
        given().auth().oauth2(TestTokens.platformAdmin()).queryParam("limit", 1)
                .get("/api/v1/gateway/audit-checkpoints/gateway")
                .then().statusCode(200).body("items[0].sequence", is(1)).body("limit", is(1));
    }

    @Test
    void aTruncatedChainIsReportedWithTheFirstMissingSequence() throws Exception {
        Keys.issue("CUT", "registry:read");
        Keys.issue("CUT", "registry:read");
        long head = witnessedVerification().getLong("lastSequence");
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            statement.execute("create table cut_audit as select * from audit_entry where sequence > " + (head - 2));
            statement.execute("set session_replication_role = replica");
            statement.execute("delete from audit_entry where sequence > " + (head - 2));
            statement.execute("set session_replication_role = origin");
            try {
                given().auth().oauth2(TestTokens.platformAdmin()).get(VERIFICATION).then().statusCode(200)
                        .body("intact", is(false))
                        .body("status", is("broken"))
                        .body("failure", is("truncated"))
                        .body("firstBrokenSequence", is((int) head - 1))
                        .body("lastSequence", is((int) head - 2))
                        .body("witnessedSequence", is((int) head));
            } finally {
                statement.execute("insert into audit_entry select * from cut_audit");
                statement.execute("drop table cut_audit");
            }
        }
        assertThat(witnessedVerification().getBoolean("intact")).isTrue();
    }

    @Test
    void anEditedEntryIsReported() throws Exception {
        Keys.issue("EDITED", "registry:read");
        long head = witnessedVerification().getLong("lastSequence");
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            String actor = queryText("select actor_subject from audit_entry where sequence = " + head);
            statement.execute("set session_replication_role = replica");
            statement.execute("update audit_entry set actor_subject = 'nobody' where sequence = " + head);
            try {
                given().auth().oauth2(TestTokens.platformAdmin()).get(VERIFICATION).then().statusCode(200)
                        .body("intact", is(false))
                        .body("failure", is("altered"))
                        .body("firstBrokenSequence", is((int) head))
                        .body("problem", containsString("altered"));
            } finally {
                statement.execute("update audit_entry set actor_subject = '" + actor + "' where sequence = " + head);
                statement.execute("set session_replication_role = origin");
            }
        }
    }

    @Test
    void onlyPlatformAdminsMayVerifyOrReadCheckpoints() {
        given().get(VERIFICATION).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get(VERIFICATION)
                .then().statusCode(403).body("type", is("/problems/forbidden"));
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get("/api/v1/gateway/audit-checkpoints/registry")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/gateway/audit-checkpoints/nobody/head")
                .then().statusCode(404).body("type", is("/problems/audit-checkpoint-not-found"));
    }

    private static JsonPath witnessedVerification() {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> given().auth().oauth2(TestTokens.platformAdmin()).get(VERIFICATION).then().statusCode(200)
                        .extract().jsonPath(),
                answer -> answer.get("witnessedSequence") != null
                        && answer.getLong("witnessedSequence") == answer.getLong("lastSequence"));
    }

    private static long query(String sql) throws Exception {
        return Long.parseLong(queryText(sql));
    }

    private static String queryText(String sql) throws Exception {
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
