package org.ecogov.complaints.events;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.Outbox;

import io.smallrye.mutiny.Uni;

/**
 * The complaints service's domain events (api-specs/events/README.md lists them, api-specs/events/complaints/ holds
 * their data schemas), appended to the outbox in the transaction of the change, beside its audit entry. Their data
 * never carries the description or anything that identifies the complainant: subscribers learn that a complaint of a
 * kind exists at a place, who owns it and by when they must act.
 */
@ApplicationScoped
public class ComplaintEvents {

    static final String PREFIX = "org.ecogov.complaints.";
    public static final String SUBMITTED = PREFIX + "complaint.submitted.v1";

    private final Outbox outbox;

    public ComplaintEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> submitted(Complaint complaint) {
        Map<String, Object> data = summary(complaint);
        return outbox.append(new DomainEvent(SUBMITTED, subject(complaint), data)).replaceWithVoid();
    }

    static String subject(Complaint complaint) {
        return "complaints/" + complaint.id;
    }

    /** The complaint as every event carries it. */
    static Map<String, Object> summary(Complaint complaint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("complaintId", complaint.id.toString());
        data.put("category", complaint.category);
        data.put("status", complaint.status);
        data.put("placeDivision", complaint.placeDivision);
        if (complaint.suspectedUscc != null) {
            data.put("suspectedEnterprise", complaint.suspectedUscc);
        }
        data.put("channel", complaint.channel);
        data.put("ownerAgency", complaint.ownerAgency);
        data.put("acceptBy", complaint.acceptBy.toString());
        if (complaint.resolveBy != null) {
            data.put("resolveBy", complaint.resolveBy.toString());
        }
        data.put("submittedAt", complaint.submittedAt.toString());
        return data;
    }
}
