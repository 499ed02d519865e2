package org.ecogov.complaints.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.Matter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Grouping into matters (issue 11): at intake a complaint with a point joins the matter of the nearest open complaint
 * of the same category filed at most {@code complaints.grouping.window} before it and at most
 * {@code complaints.grouping.distance-metres} away (great-circle distance on a sphere of the Earth's mean radius);
 * otherwise, and always without a point, it starts a matter of its own. Runs in the filing's transaction; the matter's
 * row is locked while its count goes up, so concurrent filings count right.
 */
@ApplicationScoped
public class Matters {

    /** The Earth's mean radius (IUGG), in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
    /** Metres per degree of latitude on that sphere. */
    static final double METRES_PER_DEGREE = Math.PI * EARTH_RADIUS_METRES / 180;

    private static final String LAT = "cast(:lat as double precision)";
    private static final String DISTANCE = "2 * " + EARTH_RADIUS_METRES + " * asin(sqrt(power(sin(radians(c.latitude - "
            + LAT + ") / 2), 2) + cos(radians(" + LAT + ")) * cos(radians(c.latitude))"
            + " * power(sin(radians(c.longitude - cast(:lon as double precision)) / 2), 2)))";

    // the latitude band first (the index on category and time narrows it further), then the exact distance
    private static final String NEAREST = "select cast(c.matter_id as varchar) from complaint c"
            + " where c.category = :category and c.matter_id is not null and c.latitude is not null"
            + " and c.submitted_at >= :since and c.status in ('submitted', 'accepted', 'in-progress')"
            + " and c.latitude between cast(:south as double precision) and cast(:north as double precision)"
            + " and " + DISTANCE + " <= cast(:metres as double precision)"
            + " order by " + DISTANCE + ", c.submitted_at limit 1";

    private final ComplaintsConfig config;

    public Matters(ComplaintsConfig config) {
        this.config = config;
    }

    /** Puts the complaint (not yet saved) into its matter, joined or new; answers the matter. */
    public Uni<Matter> place(Complaint complaint, Instant now) {
        if (complaint.latitude == null || complaint.longitude == null) {
            return start(complaint, now);
        }
        double metres = config.grouping().distanceMetres();
        return Panache.getSession().chain(session -> session.createNativeQuery(NEAREST, String.class)
                        .setParameter("category", complaint.category)
                        .setParameter("since", now.minus(config.grouping().window()))
                        .setParameter("lat", complaint.latitude)
                        .setParameter("lon", complaint.longitude)
                        .setParameter("south", complaint.latitude - metres / METRES_PER_DEGREE)
                        .setParameter("north", complaint.latitude + metres / METRES_PER_DEGREE)
                        .setParameter("metres", metres)
                        .getResultList())
                .chain((List<String> found) -> found.isEmpty()
                        ? start(complaint, now)
                        : join(UUID.fromString(found.get(0)), complaint, now));
    }

    private Uni<Matter> join(UUID id, Complaint complaint, Instant now) {
        return Matter.<Matter>findById(id, LockModeType.PESSIMISTIC_WRITE).map(matter -> {
            matter.complainants++;
            matter.lastAt = now;
            complaint.matterId = matter.id;
            return matter;
        });
    }

    private Uni<Matter> start(Complaint complaint, Instant now) {
        Matter matter = new Matter();
        matter.id = UUID.randomUUID();
        matter.category = complaint.category;
        matter.complainants = 1;
        matter.firstAt = now;
        matter.lastAt = now;
        complaint.matterId = matter.id;
        return matter.<Matter>persist();
    }

    /** How many complained about the complaint's matter (1 for a complaint filed before matters existed). */
    public static Uni<Integer> complainants(Complaint complaint) {
        if (complaint.matterId == null) {
            return Uni.createFrom().item(1);
        }
        return Matter.<Matter>findById(complaint.matterId).map(m -> m == null ? 1 : m.complainants);
    }
}
