package org.ecogov.runtime.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.runtime.events.CloudEvents;
import org.ecogov.runtime.events.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/**
 * The witness's ear: reads this party's own durable queue on the events address ({@value #CHANNEL}, configured
 * once in the runtime's {@code microprofile-config.properties}: {@code ecogov.events::audit-witness.<chain>}) and
 * hands every checkpoint ({@link AuditCheckpoints#TYPE}) to {@link AuditWitness}. Every other event is
 * acknowledged untouched, and so is a checkpoint the witness refuses (it logs and counts it): nothing about it
 * changes by trying again. Keeping is idempotent (a redelivered checkpoint finds itself kept), so a checkpoint
 * whose keeping fails, because the database is away, is tried again with a growing pause until it is kept, and
 * acknowledged only then.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.audit.witness.enabled", stringValue = "true")
public class AuditWitnessConsumer {

    /** The channel of {@code mp.messaging.incoming.*} the witness reads. */
    public static final String CHANNEL = "ecogov-audit-witness";

    private static final Logger LOG = Logger.getLogger(AuditWitnessConsumer.class);

    private final AuditWitness witness;
    private final ObjectMapper json;

    public AuditWitnessConsumer(AuditWitness witness, ObjectMapper json) {
        this.witness = witness;
        this.json = json;
    }

    @Incoming(CHANNEL)
    Uni<Void> receive(Message<?> message) {
        AuditCheckpoints.Checkpoint checkpoint;
        ReceivedEvent event;
        try {
            event = CloudEvents.read(json, payload(message.getPayload()));
            if (!AuditCheckpoints.TYPE.equals(event.type())) {
                return Uni.createFrom().completionStage(message.ack());
            }
            checkpoint = checkpoint(event.data());
        } catch (CloudEvents.UnreadableEventException | IllegalArgumentException unreadable) {
            LOG.debugf("audit witness: a message that is no checkpoint it can read: %s", unreadable.getMessage());
            return Uni.createFrom().completionStage(message.ack());
        }
        return Uni.createFrom().deferred(() -> witness.keep(checkpoint, event.id()))
                .onFailure().invoke(failure -> LOG.warnf("audit witness: checkpoint %d of '%s' not kept yet: %s",
                        checkpoint.sequence(), checkpoint.chain(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(outcome -> LOG.debugf("audit witness: checkpoint %d of '%s': %s", checkpoint.sequence(),
                        checkpoint.chain(), outcome))
                .chain(outcome -> Uni.createFrom().completionStage(message.ack()));
    }

    private static AuditCheckpoints.Checkpoint checkpoint(JsonNode data) {
        JsonNode sequence = data.path("sequence");
        if (!data.path("chain").isTextual() || !sequence.canConvertToExactIntegral() || !data.path("hash").isTextual()
                || !data.path("signature").isTextual()) {
            throw new IllegalArgumentException("a checkpoint needs chain, sequence, hash and signature");
        }
        return new AuditCheckpoints.Checkpoint(data.path("chain").asText(), sequence.asLong(),
                data.path("hash").asText(), data.path("signature").asText());
    }

    private static String payload(Object payload) {
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(payload);
    }
}
