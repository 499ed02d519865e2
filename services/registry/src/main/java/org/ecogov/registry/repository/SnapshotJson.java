package org.ecogov.registry.repository;

import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing the JSON of the stored forms of history (EnterpriseSnapshots, PermitSnapshots). */
final class SnapshotJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotJson() {
    }

    /** @param what whose snapshot, for the message ("an enterprise") */
    static JsonNode parse(String snapshot, String what) {
        try {
            return JSON.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " snapshot that is not JSON", e);
        }
    }

    /** The member's text; null when missing or JSON null. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The member as an instant (RFC 3339); null when missing. */
    static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    /** The members every stored form ends with: the record's version, and who created and last changed it, when. */
    static void putAudit(ObjectNode node, long version, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
        node.put("version", version);
        node.put("createdAt", text(createdAt));
        node.put("createdBy", createdBy);
        node.put("updatedAt", text(updatedAt));
        node.put("updatedBy", updatedBy);
    }

    /** An instant as RFC 3339 UTC; null stays null. */
    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
