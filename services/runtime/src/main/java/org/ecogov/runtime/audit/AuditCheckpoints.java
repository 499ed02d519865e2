package org.ecogov.runtime.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.EventsConfig;
import org.ecogov.runtime.events.Outbox;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Anchors this party's audit chain outside its database: every appended entry's sequence number and hash, signed
 * with the party's checkpoint key ({@link CheckpointSignatures}), goes into the outbox in the transaction of the
 * append, as the event {@value #TYPE}, and the relay publishes it to the broker, where every other party's witness
 * ({@link AuditWitness}) keeps it. The private key is a secret of the deployment, never in the database: whoever
 * can write the database cannot make a checkpoint, so a chain cut short or rewritten there disagrees with the
 * checkpoints the witnesses hold.
 * <p>
 * Without a key ({@code ecogov.audit.checkpoint.private-key} or {@code ...private-key-file}) nothing is published,
 * said once at start-up; the party's verification then answers {@code unanchored}. The outbox reaches the broker
 * only where the events relay runs ({@code ecogov.events.enabled=true}).
 */
@ApplicationScoped
public class AuditCheckpoints {

    /** The CloudEvents type of a checkpoint (api-specs/events/audit/chain.checkpointed.v1.json). */
    public static final String TYPE = "org.ecogov.audit.chain.checkpointed.v1";

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    /** What a checkpoint says: the entry {@code sequence} of {@code chain} has {@code hash}, signed by its owner. */
    public record Checkpoint(String chain, long sequence, String hash, String signature) {
    }

    private final String chain;
    private final Optional<PrivateKey> key;
    private final ObjectMapper json;
    private final String source;

    public AuditCheckpoints(AuditConfig config, EventsConfig events, ObjectMapper json) {
        this.chain = chainName(config.chain());
        this.key = config.checkpoint().privateKey().filter(value -> !value.isBlank())
                .or(() -> config.checkpoint().privateKeyFile().map(AuditCheckpoints::read))
                .map(CheckpointSignatures::privateKey);
        this.json = json;
        this.source = events.source();
        key.ifPresent(signing -> CheckpointSignatures.sign(signing, chain, 1, AuditChain.GENESIS));
    }

    /** Reads the key at start-up, so a wrong one stops the party there rather than at its first write. */
    void check(@Observes StartupEvent startup) {
        if (key.isEmpty()) {
            LOG.warnf("audit chain '%s' is not anchored: no checkpoint key (ecogov.audit.checkpoint.private-key or"
                    + " ecogov.audit.checkpoint.private-key-file), so a truncated or rewritten chain would not show", chain);
        } else if (!ConfigProvider.getConfig().getOptionalValue("ecogov.events.enabled", Boolean.class).orElse(false)) {
            LOG.warnf("audit chain '%s': checkpoints are signed, but no events relay is built in"
                    + " (ecogov.events.enabled=false): they wait in the outbox", chain);
        } else {
            LOG.infof("audit chain '%s': every entry's checkpoint is signed and published", chain);
        }
    }

    /** This party's chain name ({@code ecogov.audit.chain}). */
    public String chain() {
        return chain;
    }

    /** Whether this party signs checkpoints. */
    public boolean signing() {
        return key.isPresent();
    }

    /** The checkpoint of an entry of this party's chain, signed; empty without a key. */
    public Optional<Checkpoint> checkpoint(StoredEntry entry) {
        return key.map(signing -> new Checkpoint(chain, entry.sequence(), entry.hash(),
                CheckpointSignatures.sign(signing, chain, entry.sequence(), entry.hash())));
    }

    /**
     * Puts the signed checkpoint of the entry into the outbox through the same SQL, inside the transaction that
     * appends the entry: committed with it or not at all. Does nothing without a key.
     */
    Uni<Void> append(AuditSql sql, StoredEntry entry) {
        Optional<Checkpoint> checkpoint = checkpoint(entry);
        if (checkpoint.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chain", chain);
        data.put("sequence", entry.sequence());
        data.put("hash", entry.hash());
        data.put("signature", checkpoint.get().signature());
        UUID id = UUID.randomUUID();
        DomainEvent event = new DomainEvent(TYPE, subject(chain), data);
        return sql.select(Outbox.APPEND_POSITIONAL, Arrays.asList(id, TYPE, event.subject(),
                        Outbox.envelope(json, source, event, id)))
                .replaceWithVoid();
    }

    /** The CloudEvents subject of a chain's checkpoints. */
    public static String subject(String chain) {
        return "audit-chains/" + chain;
    }

    static String chainName(String name) {
        if (name == null || !CheckpointSignatures.CHAIN_NAME.matcher(name).matches()) {
            throw new IllegalStateException("ecogov.audit.chain must be lower-case letters, digits and hyphens"
                    + " (at most 40, a letter first): " + name);
        }
        return name;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint key " + file, e);
        }
    }
}
