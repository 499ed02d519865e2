package org.ecogov.probe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ecogov.runtime.events.EventConsumption;

import io.smallrye.mutiny.Uni;

/** The probe's queue on the event address, handed to the runtime's consumption. */
@ApplicationScoped
public class ProbeConsumer {

    private final EventConsumption consumption;
    private final ProbeRecorder recorder;

    public ProbeConsumer(EventConsumption consumption, ProbeRecorder recorder) {
        this.consumption = consumption;
        this.recorder = recorder;
    }

    @Incoming("platform-events")
    Uni<Void> receive(Message<String> message) {
        return consumption.process(message, recorder);
    }
}
