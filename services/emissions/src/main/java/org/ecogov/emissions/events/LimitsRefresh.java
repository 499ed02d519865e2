package org.ecogov.emissions.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.RegistryRecords.EnterpriseRecord;
import org.ecogov.emissions.domain.RegistryRecords.OutletRecord;
import org.ecogov.emissions.domain.RegistryRecords.PermitRecord;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.SystemActors;
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
 * Every change to the copy is in the audit log in the same transaction, its actor the event
 * ({@link SystemActors#event}: {@code event:<type>/<id>}), its entity {@code limits} (as the reload's) with the id of
 * the record the event changed: {@code enterprise/<uscc>}, {@code outlet/<uscc>/<code>}, {@code permit/<number>}.
 */
@ApplicationScoped
public class LimitsRefresh implements EventHandler {

    private static final Logger LOG = Logger.getLogger(LimitsRefresh.class);
    private static final String REGISTRY = "org.ecogov.registry.";

    /** The client the audit entries name: the service's own identity. */
    static final String CLIENT = "emissions-service";

    private final LimitCopy copy;
    private final AuditLog audit;

    public LimitsRefresh(LimitCopy copy, AuditLog audit) {
        this.copy = copy;
        this.audit = audit;
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
        String kind = type.substring(REGISTRY.length());
        String entityId;
        JsonNode record;
        Uni<Boolean> applied;
        switch (kind) {
            case "enterprise.created.v1", "enterprise.changed.v1", "enterprise.status-changed.v1" -> {
                EnterpriseRecord e = EnterpriseRecord.of(data.path("enterprise"));
                entityId = "enterprise/" + e.uscc();
                record = data.path("enterprise");
                applied = copy.applyEnterprise(e, event.time());
            }
            case "outlet.created.v1", "outlet.changed.v1" -> {
                OutletRecord o = OutletRecord.of(data.path("uscc").asText(), data.path("outlet"));
                entityId = "outlet/" + o.uscc() + "/" + o.code();
                record = data.path("outlet");
                applied = copy.applyOutlet(o, event.time());
            }
            case "permit.created.v1", "permit.amended.v1", "permit.status-changed.v1" -> {
                PermitRecord p = PermitRecord.of(data.path("uscc").asText(), data.path("permit"));
                entityId = "permit/" + p.number();
                record = data.path("permit");
                applied = copy.applyPermit(p, event.time());
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
        return applied.call(changed -> {
            if (!changed) {
                LOG.debugf("%s %s changed nothing in the copy", type, event.subject());
                return Uni.createFrom().voidItem();
            }
            return audit.append(SystemActors.event(CLIENT, type, event.id()), new AuditLog.Change(
                    "apply-" + kind.substring(0, kind.length() - ".v1".length()), "limits", entityId, null, record,
                    "registry event " + event.id() + " of " + event.time()));
        }).replaceWithVoid();
    }
}
