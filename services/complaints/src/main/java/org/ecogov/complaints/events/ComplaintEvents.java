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
    public static final String ACCEPTED = PREFIX + "complaint.accepted.v1";
    public static final String REJECTED = PREFIX + "complaint.rejected.v1";
    public static final String STARTED = PREFIX + "complaint.started.v1";
    public static final String RESOLVED = PREFIX + "complaint.resolved.v1";
    public static final String EXTENDED = PREFIX + "complaint.extended.v1";
    public static final String REOPENED = PREFIX + "complaint.reopened.v1";
    public static final String CLOSED = PREFIX + "complaint.closed.v1";
    public static final String TRANSFERRED = PREFIX + "complaint.transferred.v1";
    public static final String ESCALATED = PREFIX + "complaint.escalated.v1";

    private final Outbox outbox;

    public ComplaintEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> submitted(Complaint complaint) {
        Map<String, Object> data = summary(complaint);
        return outbox.append(new DomainEvent(SUBMITTED, subject(complaint), data)).replaceWithVoid();
    }

    /** A step after intake: {@code action} is the audit entry's (accepted, rejected, in-progress, resolved, ...). */
    public Uni<Void> changed(String action, Complaint complaint) {
        String type = switch (action) {
            case "accepted" -> ACCEPTED;
            case "rejected" -> REJECTED;
            case "in-progress" -> STARTED;
            case "resolved" -> RESOLVED;
            case "extended" -> EXTENDED;
            case "reopened" -> REOPENED;
            case "closed" -> CLOSED;
            case "transferred" -> TRANSFERRED;
            case "escalated" -> ESCALATED;
            default -> throw new IllegalArgumentException("no event for " + action);
        };
        return outbox.append(new DomainEvent(type, subject(complaint), summary(complaint))).replaceWithVoid();
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
