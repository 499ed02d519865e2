package org.ecogov.runtime.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.ecogov.runtime.events.EventsProfile;
import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.AuditWitnessTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The witness's side, with a real broker: checkpoints of a chain it witnesses ("elsewhere", whose public key the
 * fixture is given) arrive as events on the address, and it keeps those signed with the chain's key, once each; it
 * refuses one with a signature of another key and one that gives another hash for a sequence number it holds
 * (counted, nothing changed), and ignores chains it does not witness.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "runtime_events"))
class AuditWitnessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrivateKey CHAIN_KEY = CheckpointSignatures.privateKey(AuditWitnessTestResource.privateKeyBase64());
    private static final AtomicLong SEQUENCES = new AtomicLong(1000);

    @Inject
    MeterRegistry metrics;
    @Inject
    AuditWitness witness;

    @Test
    void aCheckpointSignedWithTheChainsKeyIsKeptOnceHoweverOftenItComes() throws Exception {
        long sequence = SEQUENCES.incrementAndGet();
        String hash = hash('a');
        publish(checkpoint("elsewhere", sequence, hash, CHAIN_KEY));
        publish(checkpoint("elsewhere", sequence, hash, CHAIN_KEY));

        await().atMost(PATIENCE).until(() -> count("select count(*) from audit_witness_checkpoint where chain = 'elsewhere'"
                + " and sequence = " + sequence) == 1);
        var head = witness.head("elsewhere").await().atMost(PATIENCE).orElseThrow();
        assertThat(head.sequence()).isGreaterThanOrEqualTo(sequence);
        var page = witness.list("elsewhere", null, 1000).await().atMost(PATIENCE);
        assertThat(page.items()).filteredOn(kept -> kept.sequence() == sequence).singleElement()
                .satisfies(kept -> assertThat(kept.hash()).isEqualTo(hash));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefusedAndCounted() throws Exception {
        long sequence = SEQUENCES.incrementAndGet();
        double before = refused("signature");
        PrivateKey stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        publish(checkpoint("elsewhere", sequence, hash('b'), stranger));

        await().atMost(PATIENCE).until(() -> refused("signature") > before);
        assertThat(count("select count(*) from audit_witness_checkpoint where sequence = " + sequence)).isZero();
    }

    @Test
    void aCheckpointOfAnotherFormThanAPartySignsIsRefusedEvenWithTheRightKey() throws Exception {
        long sequence = SEQUENCES.incrementAndGet();
        double before = refused("malformed");
        // no SHA-256 in hex, however well signed: it would not fit what the witness keeps
        publish(checkpoint("elsewhere", sequence, "not-a-hash-" + "x".repeat(300), CHAIN_KEY));

        await().atMost(PATIENCE).until(() -> refused("malformed") > before);
        assertThat(count("select count(*) from audit_witness_checkpoint where sequence = " + sequence)).isZero();
    }

    @Test
    void anotherHashForASequenceNumberTheWitnessHoldsIsRefusedAndTheFirstStays() throws Exception {
        long sequence = SEQUENCES.incrementAndGet();
        publish(checkpoint("elsewhere", sequence, hash('c'), CHAIN_KEY));
        await().atMost(PATIENCE).until(() -> count("select count(*) from audit_witness_checkpoint where sequence = " + sequence) == 1);
        double before = refused("conflict");

        // the chain rewritten and signed again (its key stolen, or its database restored from a backup and written on)
        publish(checkpoint("elsewhere", sequence, hash('d'), CHAIN_KEY));

        await().atMost(PATIENCE).until(() -> refused("conflict") > before);
        assertThat(text("select hash from audit_witness_checkpoint where chain = 'elsewhere' and sequence = " + sequence))
                .isEqualTo(hash('c'));
    }

    @Test
    void checkpointsOfAChainItDoesNotWitnessAreIgnored() throws Exception {
        long sequence = SEQUENCES.incrementAndGet();
        publish(checkpoint("nobody-asked", sequence, hash('e'), CHAIN_KEY));
        // a checkpoint of the witnessed chain sent after it: once that is kept, the first has been read
        publish(checkpoint("elsewhere", sequence, hash('e'), CHAIN_KEY));
        await().atMost(PATIENCE).until(() -> count("select count(*) from audit_witness_checkpoint where chain = 'elsewhere'"
                + " and sequence = " + sequence) == 1);
        assertThat(count("select count(*) from audit_witness_checkpoint where chain = 'nobody-asked'")).isZero();
    }

    /** Sends the envelope to the event address as it is, as a party's relay would. */
    private static void publish(String envelope) {
        given().auth().oauth2(TestTokens.platformAdmin()).body(envelope).post("/fixture/dead-letters/raw")
                .then().statusCode(204);
    }

    private static String checkpoint(String chain, long sequence, String hash, PrivateKey key) throws Exception {
        ObjectNode envelope = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "urn:ecogov:" + chain)
                .put("type", AuditCheckpoints.TYPE)
                .put("subject", AuditCheckpoints.subject(chain))
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        envelope.putObject("data").put("chain", chain).put("sequence", sequence).put("hash", hash)
                .put("signature", CheckpointSignatures.sign(key, chain, sequence, hash));
        return JSON.writeValueAsString(envelope);
    }

    private double refused(String reason) {
        var counter = metrics.find("ecogov.audit.witness.refused").tag("chain", "elsewhere").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String hash(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
