package org.ecogov.runtime.events;

import io.smallrye.mutiny.Uni;

/**
 * What a service does with one kind of received event, as a CDI bean; {@link EventConsumption} calls it once per
 * event, inside a Hibernate Reactive transaction that also records the event as processed. Replaying a dead letter
 * finds the handler again by its {@link #consumer()} name.
 */
public interface EventHandler {

    /** A name for this consumer, unique within the service and stable: processed ids and dead letters carry it. */
    String consumer();

    /**
     * Applies the event. Runs in the transaction (use Panache as in a {@code @WithTransaction} method); a failure
     * rolls the effect back and the event is tried again, then parked. Read only the data members you need:
     * publishers may add members at any time.
     */
    Uni<Void> handle(ReceivedEvent event);
}
