package org.ecogov.complaints.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.CustodyEntry;
import org.ecogov.complaints.domain.PublicUpdate;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** The complaint table's own queries: by tracking code, and the lists in deadline order. */
@ApplicationScoped
public class ComplaintRepository implements PanacheRepositoryBase<Complaint, UUID> {

    /** Where a list page starts: after this deadline and id (a complaint without a deadline sorts last). */
    public record After(Instant dueAt, UUID id) {
    }

    /**
     * What an official's list may contain: complaints their agency owns, or whose place lies under their
     * jurisdiction's prefix; both null for a platform-admin (everything).
     */
    public record Visible(String agency, String divisionPrefix) {
        public static final Visible ALL = new Visible(null, null);
    }

    public Uni<Complaint> findByTrackingCode(String code) {
        return find("trackingCode", code).firstResult();
    }

    public Uni<Boolean> trackingCodeTaken(String code) {
        return count("trackingCode", code).map(n -> n > 0);
    }

    /** Up to {@code fetch} complaints, ordered by their running deadline (none last), then id. */
    /** What "who must act, by when" asks besides owner and status. */
    public record Duties(boolean open, boolean overdue, String under, String suspectedUscc, Instant now) {
        public static final Duties ANY = new Duties(false, false, null, null, null);
    }

    /** Open complaints past their running deadline, or transferred too often and not yet escalated for it. */
    public Uni<List<Complaint>> dueForEscalation(Instant now, int afterTransfers) {
        return find("status in ('submitted', 'accepted', 'in-progress') and (dueAt < :now"
                + " or (transferCount >= :transfers and transfersEscalated = false)) order by dueAt, id",
                Parameters.with("now", now).and("transfers", afterTransfers)).list();
    }

    public Uni<List<Complaint>> list(Visible visible, String owner, String status, After after, int fetch) {
        return list(visible, owner, status, Duties.ANY, after, fetch);
    }

    public Uni<List<Complaint>> list(Visible visible, String owner, String status, Duties duties, After after, int fetch) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (visible.agency() != null || visible.divisionPrefix() != null) {
            List<String> any = new ArrayList<>();
            if (visible.agency() != null) {
                any.add("ownerAgency = :agency");
                parameters.and("agency", visible.agency());
            }
            if (visible.divisionPrefix() != null) {
                any.add("placeDivision like :prefix");
                parameters.and("prefix", visible.divisionPrefix() + "%");
            }
            where.add("(" + String.join(" or ", any) + ")");
        }
        if (owner != null) {
            where.add("ownerAgency = :owner");
            parameters.and("owner", owner);
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (duties.open()) {
            where.add("status in ('submitted', 'accepted', 'in-progress')");
        }
        if (duties.overdue()) {
            where.add("dueAt < :now");
            parameters.and("now", duties.now());
        }
        if (duties.under() != null) {
            where.add("placeDivision like :under");
            parameters.and("under", duties.under() + "%");
        }
        if (duties.suspectedUscc() != null) {
            where.add("suspectedUscc = :suspected");
            parameters.and("suspected", duties.suspectedUscc());
        }
        if (after != null) {
            if (after.dueAt() == null) {
                where.add("dueAt is null and id > :afterId");
            } else {
                where.add("(dueAt > :afterDue or dueAt is null or (dueAt = :afterDue and id > :afterId))");
                parameters.and("afterDue", after.dueAt());
            }
            parameters.and("afterId", after.id());
        }
        String query = (where.isEmpty() ? "" : "where " + String.join(" and ", where) + " ")
                + "order by dueAt asc nulls last, id asc";
        return find(query, parameters).page(0, fetch).list();
    }

    /** Up to {@code fetch} complaints, newest first, after the one filed at {@code afterSubmitted} with {@code afterId}. */
    public Uni<List<Complaint>> disclosed(String category, String under, String suspectedUscc, Instant afterSubmitted,
            UUID afterId, int fetch) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (suspectedUscc != null) {
            where.add("suspectedUscc = :suspectedUscc");
            parameters.and("suspectedUscc", suspectedUscc);
        }
        if (category != null) {
            where.add("category = :category");
            parameters.and("category", category);
        }
        if (under != null) {
            where.add("placeDivision like :under");
            parameters.and("under", under + "%");
        }
        if (afterSubmitted != null) {
            where.add("(submittedAt < :afterSubmitted or (submittedAt = :afterSubmitted and id < :afterId))");
            parameters.and("afterSubmitted", afterSubmitted).and("afterId", afterId);
        }
        String query = (where.isEmpty() ? "" : "where " + String.join(" and ", where) + " ")
                + "order by submittedAt desc, id desc";
        return find(query, parameters).page(0, fetch).list();
    }

    /** Open311's requests: by ids, else filed in [from, to], newest first, at most {@code fetch}. */
    public Uni<List<Complaint>> open311(List<UUID> ids, List<String> categories, List<String> statuses, Instant from,
            Instant to, int fetch) {
        if (ids != null) {
            return find("id in ?1 order by submittedAt desc, id desc", ids).page(0, fetch).list();
        }
        List<String> where = new ArrayList<>(List.of("submittedAt >= :from", "submittedAt <= :to"));
        Parameters parameters = Parameters.with("from", from).and("to", to);
        if (categories != null) {
            where.add("category in :categories");
            parameters.and("categories", categories);
        }
        if (statuses != null) {
            where.add("status in :statuses");
            parameters.and("statuses", statuses);
        }
        return find("where " + String.join(" and ", where) + " order by submittedAt desc, id desc", parameters)
                .page(0, fetch).list();
    }

    /** The public updates of these complaints, in order. */
    public Uni<List<PublicUpdate>> publicUpdates(List<UUID> complaints) {
        return complaints.isEmpty() ? Uni.createFrom().item(List.of())
                : PublicUpdate.<PublicUpdate>find("complaintId in ?1 order by at, id", complaints).list();
    }

    public Uni<List<PublicUpdate>> publicUpdates(UUID complaint) {
        return PublicUpdate.<PublicUpdate>find("complaintId = ?1 order by at, id", complaint).list();
    }

    public Uni<List<CustodyEntry>> custody(UUID complaint) {
        return CustodyEntry.<CustodyEntry>find("complaintId = ?1 order by fromAt, id", complaint).list();
    }
}
