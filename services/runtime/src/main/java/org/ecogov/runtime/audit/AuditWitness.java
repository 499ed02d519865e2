package org.ecogov.runtime.audit;

import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.security.Roles;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * This party as the witness of other parties' audit chains: it keeps the signed checkpoints they publish
 * ({@link AuditCheckpoints}) in {@code audit_witness_checkpoint} of its own database (the runtime's migration
 * {@code V0_4__audit_witness.sql}; append-only like the audit log) and answers what it holds, so that a party can
 * compare its chain with a head recorded outside its own database.
 * <p>
 * A checkpoint is kept only when it is signed with a key configured for its chain
 * ({@code ecogov.audit.witness.chains.<chain>.public-keys}); one of any other chain is ignored, one with a bad
 * signature refused. The first checkpoint of a sequence number wins: a later one with another hash (a rewritten
 * chain signed again, or a database restored from a backup and written on) is refused, and both are logged, so
 * the witness holds what the chain said first. Every refusal counts in {@code ecogov_audit_witness_refused_total}.
 * <p>
 * The checkpoints arrive through {@link AuditWitnessConsumer} (built in with {@code ecogov.audit.witness.enabled});
 * the reads serve the shared operations of api-specs/common/audit.yaml. Who may read is the party's rule:
 * {@link #ACCESS_RULE}.
 */
@ApplicationScoped
public class AuditWitness {

    /** The access rule of the witness's operations, by which a party's resource methods name it. */
    public static final String ACCESS = "audit.witnessed-checkpoints";

    /**
     * Who may read the checkpoints a party witnesses: platform-admins (who ask for a verification, which asks the
     * witness with their token); no API key can be granted it. A party adds it to its {@code AccessRules}.
     */
    public static final AccessRule ACCESS_RULE = AccessRule.of(ACCESS, Set.of(Roles.PLATFORM_ADMIN),
            AccessRule.KeyScope.never("Reading witnessed audit checkpoints", "audit:checkpoints"),
            DataScope.Kind.PLATFORM);

    private static final Logger LOG = Logger.getLogger(AuditWitness.class);
    private static final String COLUMNS = "chain, sequence, hash, signature, received_at";
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    /** An Ed25519 signature (64 bytes) in base64url without padding, as {@link CheckpointSignatures} writes it. */
    private static final java.util.regex.Pattern SIGNATURE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{86}");

    /** A checkpoint as this witness keeps it. */
    public record WitnessedCheckpoint(String chain, long sequence, String hash, String signature,
            OffsetDateTime receivedAt) {
    }

    /** What became of a received checkpoint. */
    public enum Outcome {
        KEPT,
        /** The same checkpoint came again (a redelivery). */
        ALREADY_KEPT,
        /** Not a chain this party witnesses (its own among them, unless configured). */
        NOT_WITNESSED,
        /** Not of the form a party signs: a sequence number below 1, a hash no SHA-256 in hex, a signature not base64url. */
        MALFORMED,
        BAD_SIGNATURE,
        /** The witness holds another hash for that sequence number. */
        CONFLICT
    }

    private final Pool pool;
    private final Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
    private final MeterRegistry metrics;

    public AuditWitness(Pool pool, AuditConfig config, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
        config.witness().chains().forEach((chain, witnessed) -> {
            AuditCheckpoints.chainName(chain);
            keys.put(chain, witnessed.publicKeys().stream().map(CheckpointSignatures::publicKey).toList());
        });
    }

    /** The chains this party witnesses. */
    public Set<String> chains() {
        return keys.keySet();
    }

    /** Checks a received checkpoint and keeps it if it is good and new. */
    public Uni<Outcome> keep(AuditCheckpoints.Checkpoint checkpoint, String eventId) {
        List<PublicKey> chainKeys = keys.get(checkpoint.chain());
        if (chainKeys == null) {
            return Uni.createFrom().item(Outcome.NOT_WITNESSED);
        }
        if (checkpoint.sequence() < 1 || checkpoint.hash() == null || !HASH.matcher(checkpoint.hash()).matches()
                || checkpoint.signature() == null || !SIGNATURE.matcher(checkpoint.signature()).matches()) {
            return Uni.createFrom().item(refused(Outcome.MALFORMED, checkpoint, eventId, null));
        }
        boolean signed = chainKeys.stream().anyMatch(key -> CheckpointSignatures.verify(key, checkpoint.chain(),
                checkpoint.sequence(), checkpoint.hash(), checkpoint.signature()));
        if (!signed) {
            return Uni.createFrom().item(refused(Outcome.BAD_SIGNATURE, checkpoint, eventId, null));
        }
        return pool.preparedQuery("""
                        insert into audit_witness_checkpoint (chain, sequence, hash, signature, event_id)
                        values ($1, $2, $3, $4, $5) on conflict (chain, sequence) do nothing returning sequence""")
                .execute(Tuple.of(checkpoint.chain(), checkpoint.sequence(), checkpoint.hash(), checkpoint.signature(),
                        eventId))
                .chain(inserted -> inserted.size() == 1
                        ? Uni.createFrom().item(Outcome.KEPT)
                        : held(checkpoint.chain(), checkpoint.sequence()).map(existing -> existing
                                .filter(held -> held.hash().equals(checkpoint.hash()))
                                .map(same -> Outcome.ALREADY_KEPT)
                                .orElseGet(() -> refused(Outcome.CONFLICT, checkpoint, eventId,
                                        existing.map(WitnessedCheckpoint::hash).orElse(null)))));
    }

    /** The checkpoint with the highest sequence number this witness holds of the chain. */
    public Uni<Optional<WitnessedCheckpoint>> head(String chain) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_witness_checkpoint where chain = $1"
                        + " order by sequence desc limit 1")
                .execute(Tuple.of(chain))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The chain's checkpoints in sequence order, a page at a time; the cursor is the last sequence number read. */
    public Uni<Page<WitnessedCheckpoint>> list(String chain, String cursor, int limit) {
        String after = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        return pool.preparedQuery("select " + COLUMNS + " from audit_witness_checkpoint where chain = $1"
                        + " and sequence > $2 order by sequence limit $3")
                .execute(Tuple.of(chain, after == null ? 0L : Long.parseLong(after), limit + 1))
                .map(rows -> {
                    List<WitnessedCheckpoint> fetched = new java.util.ArrayList<>();
                    rows.forEach(row -> fetched.add(read(row)));
                    return Page.of(fetched, limit, held -> Long.toString(held.sequence()));
                });
    }

    private Uni<Optional<WitnessedCheckpoint>> held(String chain, long sequence) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_witness_checkpoint where chain = $1 and sequence = $2")
                .execute(Tuple.of(chain, sequence))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    private Outcome refused(Outcome outcome, AuditCheckpoints.Checkpoint checkpoint, String eventId, String heldHash) {
        if (outcome == Outcome.CONFLICT) {
            LOG.errorf("audit witness: checkpoint %d of chain '%s' (event %s) says hash %s, but the witness holds %s:"
                    + " that chain was rewritten or restored after it was witnessed; the witness keeps what it saw first",
                    checkpoint.sequence(), checkpoint.chain(), eventId, checkpoint.hash(), heldHash);
        } else if (outcome == Outcome.MALFORMED) {
            LOG.errorf("audit witness: checkpoint %d of chain '%s' (event %s) refused: no sequence number and"
                    + " SHA-256 hash of the form a party signs", checkpoint.sequence(), checkpoint.chain(), eventId);
        } else {
            LOG.errorf("audit witness: checkpoint %d of chain '%s' (event %s) refused: its signature is not one of"
                    + " the chain's keys", checkpoint.sequence(), checkpoint.chain(), eventId);
        }
        Counter.builder("ecogov.audit.witness.refused")
                .description("Checkpoints of witnessed audit chains this witness refused")
                .tag("chain", checkpoint.chain())
                .tag("reason", switch (outcome) {
                    case CONFLICT -> "conflict";
                    case MALFORMED -> "malformed";
                    default -> "signature";
                })
                .register(metrics).increment();
        return outcome;
    }

    private static WitnessedCheckpoint read(Row row) {
        return new WitnessedCheckpoint(row.getString(0), row.getLong(1), row.getString(2), row.getString(3),
                row.getOffsetDateTime(4));
    }
}
