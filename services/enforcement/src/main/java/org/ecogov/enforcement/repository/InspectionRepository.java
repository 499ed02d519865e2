package org.ecogov.enforcement.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.enforcement.domain.Inspection;

/** The queries of inspections; each loads the inspectors with the inspection. */
@ApplicationScoped
public class InspectionRepository {

    private static final String WITH_INSPECTORS = "select distinct i from Inspection i left join fetch i.inspectors ";

    /**
     * Filters of the inspection list; null means "any". {@code scopePrefix}: the caller's division-code prefix ("" for
     * everywhere); {@code assignedTo}: only the inspections this inspector is assigned to (drawn ones included, before
     * they start); otherwise a drawn inspection not started yet is listed only to its plan's agency
     * ({@code planAgency}, null: none).
     */
    public record Filter(String scopePrefix, String assignedTo, String enterpriseUscc, String status, String kind,
            String planAgency) {
    }

    /** Where the previous page ended: the last inspection's creation time and id (newest first). */
    public record Position(Instant createdAt, UUID id) {
    }

    /** The inspection given (if any) and the follow-ups of the decisions given: a case's inspections. */
    public Uni<List<Inspection>> ofCase(UUID inspectionId, List<String> decisionIds) {
        if (decisionIds.isEmpty()) {
            return inspectionId == null ? Uni.createFrom().item(List.of())
                    : Inspection.<Inspection>find("id = ?1", inspectionId).list();
        }
        return Inspection.<Inspection>find("id = ?1 or (kind = 'follow-up' and decisionId in ?2)", inspectionId,
                decisionIds).list();
    }

    /** How many follow-ups of the decision other than {@code except} are not completed yet. */
    public Uni<Long> openFollowUps(String decisionId, UUID except) {
        return Inspection.count("kind = 'follow-up' and decisionId = ?1 and status in ('assigned', 'on-site') and id <> ?2",
                decisionId, except);
    }

    /** The follow-ups naming one of these decisions not started yet (ids, oldest first). */
    public Uni<List<UUID>> unstartedFollowUps(List<String> decisionIds) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("select i.id from Inspection i"
                        + " where i.kind = 'follow-up' and i.status = 'assigned' and i.decisionId in :decisions"
                        + " order by i.createdAt, i.id", UUID.class)
                .setParameter("decisions", decisionIds).getResultList());
    }

    public Uni<Inspection> find(UUID id) {
        return Inspection.<Inspection>find(WITH_INSPECTORS + "where i.id = ?1", id).list()
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The inspection with its row locked until the transaction ends (for If-Match checks), inspectors loaded. */
    public Uni<Inspection> lock(UUID id) {
        return Inspection.<Inspection>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .call(i -> i == null ? Uni.createFrom().nullItem()
                        : Panache.getSession().chain(session -> session.fetch(i.inspectors)));
    }

    /** Up to {@code count} inspections after {@code after} (null: from the newest), newest first. */
    public Uni<List<Inspection>> list(Filter filter, Position after, int count) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        Parameters params = new Parameters();
        if (after != null) {
            where.append(" and (i.createdAt < :at or (i.createdAt = :at and i.id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        if (filter.assignedTo() != null) {
            where.append(" and :inspector member of i.inspectors");
            params.and("inspector", filter.assignedTo());
        } else if (filter.planAgency() != null) {
            where.append(" and (i.planId is null or i.status <> 'assigned' or i.planAgency = :planAgency)");
            params.and("planAgency", filter.planAgency());
        } else {
            where.append(" and (i.planId is null or i.status <> 'assigned')");
        }
        if (filter.scopePrefix() != null && !filter.scopePrefix().isEmpty()) {
            where.append(" and i.divisionCode like :scope");
            params.and("scope", filter.scopePrefix() + "%");
        }
        if (filter.enterpriseUscc() != null) {
            where.append(" and i.enterpriseUscc = :uscc");
            params.and("uscc", filter.enterpriseUscc());
        }
        if (filter.status() != null) {
            where.append(" and i.status = :status");
            params.and("status", filter.status());
        }
        if (filter.kind() != null) {
            where.append(" and i.kind = :kind");
            params.and("kind", filter.kind());
        }
        return pageOf("select i.id from Inspection i " + where + " order by i.createdAt desc, i.id desc", params, count,
                " order by i.createdAt desc, i.id desc");
    }

    /** Up to {@code count} of the inspector's inspections changed after change number {@code since}, in change order. */
    public Uni<List<Inspection>> changedSince(String inspector, long since, int count) {
        return pageOf("select i.id from Inspection i where :inspector member of i.inspectors and i.changeSeq > :since"
                + " order by i.changeSeq", Parameters.with("inspector", inspector).and("since", since), count,
                " order by i.changeSeq");
    }

    /**
     * A page of inspections with their inspectors: the page's ids first (limited in the database), then those
     * inspections with the inspectors fetched, in the same order. One query with both would page in memory.
     */
    private static Uni<List<Inspection>> pageOf(String idQuery, Parameters params, int count, String order) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(idQuery, UUID.class);
            params.map().forEach(query::setParameter);
            return query.setMaxResults(count).getResultList();
        }).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Inspection>of())
                : Inspection.<Inspection>find(WITH_INSPECTORS + "where i.id in ?1" + order, ids).list());
    }

    /** The inspections a plan's draw made, with their inspectors, by enterprise. */
    public Uni<List<Inspection>> ofPlan(UUID planId) {
        return Inspection.<Inspection>find(WITH_INSPECTORS + "where i.planId = ?1 order by i.enterpriseUscc", planId).list();
    }

    /**
     * The next change number. The counter's row stays locked until the transaction ends, so changes commit in the
     * order of their numbers: a reader that has seen number n will never later find a committed change below n.
     */
    public Uni<Long> nextChangeNumber() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update inspection_change_counter set value = value + 1 where id = 1 returning value",
                        Long.class)
                .getSingleResult());
    }
}
