package org.ecogov.registry.events;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.registry.domain.EnterpriseState;
import org.ecogov.registry.domain.OutletRecord;
import org.ecogov.registry.domain.PermitRecord;
import org.ecogov.registry.domain.PermitStatus;
import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.Outbox;

import io.smallrye.mutiny.Uni;

/**
 * The registry's domain events (api-specs/events/README.md lists them, api-specs/events/registry/ holds their data
 * schemas). Each is appended to the outbox in the transaction of the change it announces, beside its audit entry;
 * its data carries the record as it stands after the change, in the form of the event's schema ({@link EventData}
 * maps it from the registry's own types, so the events follow their own versioned schemas, not the REST contract),
 * and the change's reason where the change has one.
 */
@ApplicationScoped
public class RegistryEvents {

    static final String PREFIX = "org.ecogov.registry.";
    public static final String ENTERPRISE_CREATED = PREFIX + "enterprise.created.v1";
    public static final String ENTERPRISE_CHANGED = PREFIX + "enterprise.changed.v1";
    public static final String ENTERPRISE_STATUS_CHANGED = PREFIX + "enterprise.status-changed.v1";
    public static final String OUTLET_CREATED = PREFIX + "outlet.created.v1";
    public static final String OUTLET_CHANGED = PREFIX + "outlet.changed.v1";
    public static final String PERMIT_CREATED = PREFIX + "permit.created.v1";
    public static final String PERMIT_AMENDED = PREFIX + "permit.amended.v1";
    public static final String PERMIT_STATUS_CHANGED = PREFIX + "permit.status-changed.v1";

    private final Outbox outbox;

    public RegistryEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * created, updated or status-changed, as the enterprise's version history names the change; {@code previousStatus}
     * null for a creation
     */
    public Uni<Void> enterprise(String action, EnterpriseState enterprise, String reason, String previousStatus) {
        String uscc = enterprise.uscc();
        String status = enterprise.status();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enterprise", EventData.of(enterprise));
        String type = switch (action) {
            case "created" -> ENTERPRISE_CREATED;
            case "status-changed" -> {
                data.put("previousStatus", previousStatus);
                data.put("status", status);
                yield ENTERPRISE_STATUS_CHANGED;
            }
            default -> ENTERPRISE_CHANGED;
        };
        if (reason != null) {
            data.put("reason", reason);
        }
        return outbox.append(new DomainEvent(type, enterpriseSubject(uscc), data)).replaceWithVoid();
    }

    public Uni<Void> outletCreated(OutletRecord outlet) {
        return outlet(OUTLET_CREATED, outlet.outlet().enterpriseUscc, outlet.outlet().code, EventData.of(outlet));
    }

    public Uni<Void> outletChanged(OutletRecord outlet) {
        return outlet(OUTLET_CHANGED, outlet.outlet().enterpriseUscc, outlet.outlet().code, EventData.of(outlet));
    }

    public Uni<Void> permitCreated(PermitRecord permit) {
        return permit(PERMIT_CREATED, permit, new LinkedHashMap<>());
    }

    public Uni<Void> permitAmended(PermitRecord permit, String reason) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("reason", reason);
        return permit(PERMIT_AMENDED, permit, more);
    }

    /** A decision changed the permit's status (today only its revocation); {@code previous} as of the change's day. */
    public Uni<Void> permitStatusChanged(PermitRecord permit, PermitStatus previous, String reason) {
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("previousStatus", previous.value());
        more.put("status", permit.status().value());
        more.put("reason", reason);
        return permit(PERMIT_STATUS_CHANGED, permit, more);
    }

    private Uni<Void> permit(String type, PermitRecord permit, Map<String, Object> more) {
        String uscc = permit.state().enterpriseUscc();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uscc", uscc);
        data.put("permit", EventData.of(permit));
        data.putAll(more);
        return outbox.append(new DomainEvent(type, enterpriseSubject(uscc) + "/permits/" + permit.state().number(), data))
                .replaceWithVoid();
    }

    private Uni<Void> outlet(String type, String uscc, String code, Object outlet) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uscc", uscc);
        data.put("outlet", outlet);
        return outbox.append(new DomainEvent(type, enterpriseSubject(uscc) + "/outlets/" + code, data))
                .replaceWithVoid();
    }

    private static String enterpriseSubject(String uscc) {
        return "enterprises/" + uscc;
    }
}
