package org.ecogov.runtime.audit;

import java.time.Instant;
import java.util.Locale;

import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answers of the shared audit operations (api-specs/common/audit.yaml; the schemas AuditVerification,
 * AuditCheckpoint and AuditCheckpointPage of common.yaml), written once for every party: its resource returns
 * them as they are.
 */
public final class AuditAnswers {

    private AuditAnswers() {
    }

    public static ObjectNode verification(AuditLog.Verification verification, Instant verifiedAt) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("intact", verification.intact());
        answer.put("status", verification.status().name().toLowerCase(Locale.ROOT));
        if (verification.failure() != null) {
            answer.put("failure", verification.failure().name().toLowerCase(Locale.ROOT));
        }
        answer.put("checkedEntries", verification.checked());
        answer.put("lastSequence", verification.lastSequence());
        if (verification.witnessedSequence() != null) {
            answer.put("witnessedSequence", verification.witnessedSequence());
        }
        if (verification.firstBrokenSequence() != null) {
            answer.put("firstBrokenSequence", verification.firstBrokenSequence());
        }
        if (verification.problem() != null) {
            answer.put("problem", verification.problem());
        }
        answer.putPOJO("verifiedAt", Clock.utc(verifiedAt));
        return answer;
    }

    public static ObjectNode checkpoint(AuditWitness.WitnessedCheckpoint checkpoint) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("chain", checkpoint.chain());
        answer.put("sequence", checkpoint.sequence());
        answer.put("hash", checkpoint.hash());
        answer.put("signature", checkpoint.signature());
        answer.putPOJO("receivedAt", Clock.utc(checkpoint.receivedAt().toInstant()));
        return answer;
    }

    public static ObjectNode checkpoints(Page<AuditWitness.WitnessedCheckpoint> page) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode items = answer.putArray("items");
        page.items().forEach(checkpoint -> items.add(checkpoint(checkpoint)));
        if (page.next() != null) {
            answer.put("next", page.next());
        }
        answer.put("limit", page.limit());
        return answer;
    }
}
