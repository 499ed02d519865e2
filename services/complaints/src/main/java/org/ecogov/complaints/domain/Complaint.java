package org.ecogov.complaints.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecogov.runtime.persistence.Versioned;

/**
 * A complaint: what was reported, where, by whom to be contacted (if anyone), the one agency that owns it now and
 * the deadline it must meet. Contact details never leave the service except to the owning agency.
 */
@Entity
@Table(name = "complaint")
public class Complaint extends Versioned {

    @Id
    public UUID id;

    /** The matter the complaint belongs to (null only for complaints filed before matters existed). */
    @Column(name = "matter_id")
    public UUID matterId;

    /** How many complained about its matter, this complaint included; read with the complaint, never written. */
    @org.hibernate.annotations.Formula("(select m.complainants from matter m where m.id = matter_id)")
    public Integer complainants;

    @Column(name = "tracking_code")
    public String trackingCode;

    public String category;

    public String description;

    public Double latitude;

    public Double longitude;

    @Column(name = "division_code")
    public String divisionCode;

    @Column(name = "observed_at")
    public Instant observedAt;

    @Column(name = "suspected_uscc")
    public String suspectedUscc;

    public String channel;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone")
    public String contactPhone;

    @Column(name = "contact_email")
    public String contactEmail;

    /** An Open311 client's media_url: a reference the handling agency is shown, never fetched. */
    @Column(name = "media_url")
    public String mediaUrl;

    public String status;

    @Column(name = "owner_agency")
    public String ownerAgency;

    @Column(name = "owner_agency_name")
    public String ownerAgencyName;

    @Column(name = "owner_since")
    public Instant ownerSince;

    @Column(name = "routed_by")
    public String routedBy;

    @Column(name = "place_division")
    public String placeDivision;

    @Column(name = "accept_by")
    public Instant acceptBy;

    @Column(name = "resolve_by")
    public Instant resolveBy;

    /** The deadline that runs now: acceptBy while submitted, resolveBy once accepted; null when nobody must act. */
    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** Why it was rejected (internal, audited). */
    public String reason;

    /** Where a rejected complaint's complainant should go instead. */
    @Column(name = "redirect_to")
    public String redirectTo;

    public String findings;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public Integer rating;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "reopen_count")
    public int reopenCount;

    @Column(name = "extended_days")
    public int extendedDays;

    @Column(name = "transfer_count")
    public int transferCount;

    @Column(name = "pending_transfer_to")
    public String pendingTransferTo;

    @Column(name = "transfers_escalated")
    public boolean transfersEscalated;

    @Column(name = "escalation_count")
    public int escalationCount;

    public ComplaintStatus status() {
        return ComplaintStatus.of(status);
    }

    public boolean hasContact() {
        return contactName != null || contactPhone != null || contactEmail != null;
    }

    /**
     * What the audit log fingerprints of the complaint: everything but the contact details themselves (whether there
     * are any is recorded), so the audit trail holds no personal data of the complainant.
     */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("trackingCode", trackingCode);
        state.put("matterId", matterId == null ? null : matterId.toString());
        state.put("category", category);
        state.put("description", description);
        state.put("latitude", latitude);
        state.put("longitude", longitude);
        state.put("divisionCode", divisionCode);
        state.put("observedAt", observedAt == null ? null : observedAt.toString());
        state.put("suspectedUscc", suspectedUscc);
        state.put("channel", channel);
        state.put("withContact", hasContact());
        state.put("withMediaUrl", mediaUrl != null);
        state.put("status", status);
        state.put("ownerAgency", ownerAgency);
        state.put("routedBy", routedBy);
        state.put("placeDivision", placeDivision);
        state.put("acceptBy", acceptBy.toString());
        state.put("resolveBy", resolveBy == null ? null : resolveBy.toString());
        state.put("redirectTo", redirectTo);
        state.put("findings", findings);
        state.put("rating", rating);
        state.put("reopenCount", reopenCount);
        state.put("extendedDays", extendedDays);
        state.put("transferCount", transferCount);
        state.put("pendingTransferTo", pendingTransferTo);
        state.put("escalationCount", escalationCount);
        state.put("version", version);
        return state;
    }
}
