package org.ecogov.runtime.events;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CloudEvents 1.0 in its JSON format (the "structured" content mode): the envelope every event travels in, as
 * {@code api-specs/events/cloudevent.schema.json} describes it.
 */
public final class CloudEvents {

    /** The AMQP content type of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SPEC_VERSION = "1.0";

    private CloudEvents() {
    }

    /** Wraps the event in a new envelope with a fresh id, stamped now. */
    static ObjectNode envelope(ObjectMapper json, String source, DomainEvent event, UUID id, Instant time,
            TraceContext trace) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("specversion", SPEC_VERSION);
        envelope.put("id", id.toString());
        envelope.put("source", source);
        envelope.put("type", event.type());
        envelope.put("subject", event.subject());
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MICROS)));
        envelope.put("datacontenttype", "application/json");
        if (trace.traceparent() != null) {
            envelope.put("traceparent", trace.traceparent());
            if (trace.tracestate() != null) {
                envelope.put("tracestate", trace.tracestate());
            }
        }
        envelope.set("data", json.valueToTree(event.data()));
        return envelope;
    }

    /**
     * Reads a received envelope. Attributes and data members this service does not know are kept but ignored, so a
     * publisher may add to an event without breaking its consumers.
     *
     * @throws UnreadableEventException when it is not JSON, or lacks an attribute CloudEvents 1.0 requires
     */
    public static ReceivedEvent read(ObjectMapper json, String payload) {
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableEventException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new UnreadableEventException("specversion must be 1.0");
        }
        String id = required(node, "id");
        String source = required(node, "source");
        String type = required(node, "type");
        String time = text(node, "time");
        Instant at;
        try {
            at = time == null ? null : Instant.parse(time);
        } catch (RuntimeException e) {
            throw new UnreadableEventException("time is not an RFC 3339 time: " + time);
        }
        return new ReceivedEvent(id, source, type, text(node, "subject"), at, node.path("data"),
                text(node, "traceparent"), payload);
    }

    private static String required(JsonNode node, String attribute) {
        String value = text(node, attribute);
        if (value == null || value.isEmpty()) {
            throw new UnreadableEventException("the attribute " + attribute + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String attribute) {
        JsonNode value = node.get(attribute);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** A message that is not a CloudEvent this platform can read: it can never succeed, so it is parked at once. */
    public static final class UnreadableEventException extends RuntimeException {
        UnreadableEventException(String message) {
            super(message);
        }
    }
}
