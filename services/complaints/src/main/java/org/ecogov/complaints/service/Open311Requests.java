package org.ecogov.complaints.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * GeoReport v2's reads over the complaints (issue 11, Open311): which complaints a {@code requests.json} query
 * names (the ids, else the window of filing times, by default the last 90 days and never more), each with its last
 * public update. What of a complaint is shown is Open311Mapper's business: the disclosed view only.
 */
@ApplicationScoped
public class Open311Requests {

    /** The standard's default window, and the widest one a query may ask for. */
    public static final Duration WINDOW = Duration.ofDays(90);
    /** The most requests one answer holds (the contract's maxItems). */
    public static final int MOST = 1000;
    /** The most ids one query may name. */
    public static final int MOST_IDS = 50;

    /** A complaint with its last public update (null if none). */
    public record Request(Complaint complaint, PublicUpdate lastUpdate) {
    }

    /** Open and closed as GeoReport knows them. */
    public static final List<String> OPEN = List.of(ComplaintStatus.SUBMITTED.value(), ComplaintStatus.ACCEPTED.value(),
            ComplaintStatus.IN_PROGRESS.value());
    public static final List<String> CLOSED = List.of(ComplaintStatus.RESOLVED.value(), ComplaintStatus.REJECTED.value(),
            ComplaintStatus.CLOSED.value());

    public static String open311Status(String status) {
        return OPEN.contains(status) ? "open" : "closed";
    }

    private final ComplaintRepository complaints;
    private final Clock clock;

    public Open311Requests(ComplaintRepository complaints, Clock clock) {
        this.complaints = complaints;
        this.clock = clock;
    }

    /**
     * The requests a query names: {@code ids} (a comma list) overrides the rest, as the standard says; otherwise those
     * filed from {@code start} to {@code end} (by default the 90 days up to now; start alone runs 90 days on but not
     * past now, end alone 90 days back), of any of {@code categories} and {@code statuses} (GeoReport's open and
     * closed; null: all), newest first, at most {@link #MOST}.
     */
    @WithSession
    public Uni<List<Request>> find(String ids, List<String> categories, List<String> statuses, Instant start,
            Instant end) {
        List<UUID> named = ids == null ? null : ids(ids);
        Instant to = null;
        Instant from = null;
        if (named == null) {
            to = end != null ? end : start != null ? earlier(start.plus(WINDOW), clock.now()) : clock.now();
            from = start != null ? start : to.minus(WINDOW);
            if (from.isAfter(to)) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "start_date", "must not be after end_date");
            }
            if (Duration.between(from, to).compareTo(WINDOW) > 0) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "end_date",
                        "the window from start_date to end_date may span at most 90 days");
            }
        }
        List<String> ours = null;
        if (statuses != null) {
            ours = new ArrayList<>();
            for (String status : statuses) {
                ours.addAll(status.equals("open") ? OPEN : CLOSED);
            }
        }
        return complaints.open311(named, categories, ours, from, to, MOST).chain(this::withLastUpdates);
    }

    /** One request by its id; 404 for any other. */
    @WithSession
    public Uni<Request> one(UUID id) {
        return complaints.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.COMPLAINT_NOT_FOUND,
                        "No service request " + id + "."))
                .chain(complaint -> withLastUpdates(List.of(complaint))).map(list -> list.get(0));
    }

    private Uni<List<Request>> withLastUpdates(List<Complaint> found) {
        return complaints.publicUpdates(found.stream().map(c -> c.id).toList()).map(updates -> {
            Map<UUID, PublicUpdate> last = new LinkedHashMap<>();
            updates.forEach(update -> last.put(update.complaintId, update)); // in order, so the last one stays
            List<Request> requests = new ArrayList<>();
            found.forEach(c -> requests.add(new Request(c, last.get(c.id))));
            return requests;
        });
    }

    private static List<UUID> ids(String list) {
        String[] parts = list.split(",", -1);
        if (parts.length > MOST_IDS) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "service_request_id",
                    "at most " + MOST_IDS + " ids at once");
        }
        List<UUID> ids = new ArrayList<>();
        for (String part : parts) {
            if (!part.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "service_request_id",
                        "a comma-separated list of request ids (lower-case UUIDs)");
            }
            ids.add(UUID.fromString(part));
        }
        return ids;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
