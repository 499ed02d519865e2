package org.ecogov.complaints.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.WorkingCalendar;
import org.ecogov.runtime.time.Clock;

/**
 * The clocks that run on a complaint, reckoned in the agencies' zone (Asia/Shanghai), never in UTC: a complaint
 * filed at 07:30 local on a Friday is filed that Friday. A deadline is the last second of its day there.
 */
@ApplicationScoped
public class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class);

    private final ComplaintsConfig config;
    private final WorkingCalendar calendar;

    public Deadlines(ComplaintsConfig config) {
        this.config = config;
        this.calendar = new WorkingCalendar(new HashSet<>(config.calendar().holidays().orElse(List.of())),
                new HashSet<>(config.calendar().workingWeekends().orElse(List.of())));
        LOG.infof("working-day calendar complete for %s; other years know weekends only",
                config.calendar().years().orElse(List.of()));
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    /** The end of the last working day on which a complaint filed at {@code filed} may still be accepted. */
    public Instant acceptBy(Instant filed) {
        LocalDate lastDay = calendar.workingDaysAfter(Clock.agencyDay(filed), config.acceptWithinWorkingDays());
        return endOf(lastDay);
    }

    /** The end of the day by which a complaint accepted at {@code accepted} must be resolved. */
    public Instant resolveBy(Instant accepted) {
        return endOf(Clock.agencyDay(accepted).plusDays(config.resolveWithinDays()));
    }

    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(Clock.AGENCY_ZONE).toInstant().minusSeconds(1);
    }
}
