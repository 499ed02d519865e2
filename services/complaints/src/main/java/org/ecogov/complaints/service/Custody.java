package org.ecogov.complaints.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.CustodyEntry;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The custody ledger kept with every change of owner: the holder's entry is closed at the moment of the handover and
 * the new owner's opened with why it came to them, in the transaction that changes the owner.
 */
@ApplicationScoped
public class Custody {

    /** Makes {@code agency} the owner of the (locked) complaint from {@code at}, for {@code reason}. */
    public Uni<Void> handOver(Complaint complaint, String agency, String agencyName, Instant at, String reason) {
        return Panache.getSession().chain(session -> session
                .createMutationQuery("update CustodyEntry set toAt = :at where complaintId = :id and toAt is null")
                .setParameter("at", at).setParameter("id", complaint.id).executeUpdate())
                .chain(closed -> {
                    complaint.ownerAgency = agency;
                    complaint.ownerAgencyName = agencyName;
                    complaint.ownerSince = at;
                    CustodyEntry entry = new CustodyEntry();
                    entry.complaintId = complaint.id;
                    entry.agencyCode = agency;
                    entry.fromAt = at;
                    entry.reason = reason.length() > 500 ? reason.substring(0, 497) + "..." : reason;
                    return entry.persist();
                })
                .replaceWithVoid();
    }
}
