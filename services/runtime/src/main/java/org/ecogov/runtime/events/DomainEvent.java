package org.ecogov.runtime.events;

import java.util.Objects;

/**
 * A fact a service announces about one of its aggregates, before it is wrapped in its CloudEvents envelope.
 *
 * @param type    the CloudEvents type, versioned: {@code org.ecogov.registry.enterprise.created.v1}; its data
 *                schema is {@code api-specs/events/<type>.schema.json}
 * @param subject the aggregate the event is about, e.g. {@code enterprises/91341702669392367N}; events of one
 *                subject are published in the order they were appended
 * @param data    the event's data, serialised with the service's Jackson mapper
 */
public record DomainEvent(String type, String subject, Object data) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }
}
