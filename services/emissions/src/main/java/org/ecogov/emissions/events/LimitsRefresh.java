package org.ecogov.emissions.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.RegistryRecords.EnterpriseRecord;
import org.ecogov.emissions.domain.RegistryRecords.OutletRecord;
import org.ecogov.emissions.domain.RegistryRecords.PermitRecord;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.runtime.events.EventHandler;
import org.ecogov.runtime.events.ReceivedEvent;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Keeps the copy of the registry current from the registry's events (api-specs/events/registry): enterprises for
 * who may see what, outlets for their limits, permits for their validity. The runtime's consumption runs it in the
 * transaction that records the event as processed (a redelivered event does nothing) and parks an event that keeps
 * failing as a dead letter. A change takes effect at the event's time, the registry's commit of the change, so a
 * value measured before it is judged against the limits then in force. Other events are acknowledged and ignored.
 */
@ApplicationScoped
public class LimitsRefresh implements EventHandler {

    private static final Logger LOG = Logger.getLogger(LimitsRefresh.class);
    private static final String REGISTRY = "org.ecogov.registry.";

    private final LimitCopy copy;

    public LimitsRefresh(LimitCopy copy) {
        this.copy = copy;
    }

    @Override
    public String consumer() {
        return "emissions-limits";
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        String type = event.type();
        if (type == null || !type.startsWith(REGISTRY)) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        Uni<Boolean> applied = switch (type.substring(REGISTRY.length())) {
            case "enterprise.created.v1", "enterprise.changed.v1", "enterprise.status-changed.v1" ->
                    copy.applyEnterprise(EnterpriseRecord.of(data.path("enterprise")), event.time());
            case "outlet.created.v1", "outlet.changed.v1" ->
                    copy.applyOutlet(OutletRecord.of(data.path("uscc").asText(), data.path("outlet")), event.time());
            case "permit.created.v1", "permit.amended.v1", "permit.status-changed.v1" ->
                    copy.applyPermit(PermitRecord.of(data.path("uscc").asText(), data.path("permit")), event.time());
            default -> Uni.createFrom().item(false);
        };
        return applied.invoke(changed -> {
            if (!changed) {
                LOG.debugf("%s %s changed nothing in the copy", type, event.subject());
            }
        }).replaceWithVoid();
    }
}
