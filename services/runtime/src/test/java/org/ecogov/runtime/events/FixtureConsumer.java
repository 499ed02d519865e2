package org.ecogov.runtime.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** The fixture's queue on the event address, handed to the runtime's consumption; and a raw sender for tests. */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class FixtureConsumer {

    private final EventConsumption consumption;
    private final RecordingHandler handler;
    private final MutinyEmitter<String> raw;

    public FixtureConsumer(EventConsumption consumption, RecordingHandler handler,
            @Channel("fixture-raw") MutinyEmitter<String> raw) {
        this.consumption = consumption;
        this.handler = handler;
        this.raw = raw;
    }

    @Incoming("fixture-events")
    Uni<Void> receive(Message<String> message) {
        return consumption.process(message, handler);
    }

    /** Sends a message to the event address as it is, bypassing the outbox. */
    Uni<Void> sendRaw(String payload) {
        return raw.send(payload);
    }
}
