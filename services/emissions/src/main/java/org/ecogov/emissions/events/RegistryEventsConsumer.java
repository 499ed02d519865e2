package org.ecogov.emissions.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.ecogov.runtime.events.EventConsumption;

import io.smallrye.mutiny.Uni;

/** The service's own queue on the event address, handed to the runtime's consumption. */
@ApplicationScoped
public class RegistryEventsConsumer {

    private final EventConsumption consumption;
    private final LimitsRefresh limits;

    public RegistryEventsConsumer(EventConsumption consumption, LimitsRefresh limits) {
        this.consumption = consumption;
        this.limits = limits;
    }

    @Incoming("registry-events")
    Uni<Void> receive(Message<String> message) {
        return consumption.process(message, limits);
    }
}
