package org.ecogov.runtime.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event as a consumer receives it: the CloudEvents attributes and the data, read leniently (unknown members are
 * there in {@link #data()} but nobody need look at them).
 *
 * @param envelope the message as received, kept for a dead letter
 */
public record ReceivedEvent(String id, String source, String type, String subject, Instant time, JsonNode data,
        String traceparent, String envelope) {
}
