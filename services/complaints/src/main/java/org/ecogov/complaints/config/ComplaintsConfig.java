package org.ecogov.complaints.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The complaints service's rules that are data, not code: {@code complaints.*}. */
@ConfigMapping(prefix = "complaints")
public interface ComplaintsConfig {

    /** How many working days the owner has to accept (or reject) a complaint, counted from the day after filing. */
    @WithDefault("2")
    int acceptWithinWorkingDays();

    /** How many calendar days the owner has to resolve a complaint once accepted. */
    @WithDefault("30")
    int resolveWithinDays();

    /** How long after its resolution an unrated complaint closes by itself. */
    @WithDefault("15d")
    java.time.Duration ratingPeriod();

    /** How often the scheduler looks for unrated complaints whose rating period ended ({@code off}: never). */
    @WithDefault("10m")
    String closingEvery();

    /** Automatic escalation to the parent jurisdiction's lead agency. */
    Escalation escalation();

    interface Escalation {

        /** After how many accepted transfers a complaint escalates. */
        @WithDefault("2")
        int afterTransfers();

        /** How often the scheduler looks for complaints to escalate ({@code off}: never, as in the tests). */
        @WithDefault("60s")
        String every();
    }

    /** Grouping complaints into matters. */
    Grouping grouping();

    interface Grouping {

        /** How far apart two complaints of one category may be and still be one matter, in metres. */
        @WithDefault("500")
        double distanceMetres();

        /** How long after a complaint another may join its matter. */
        @WithDefault("72h")
        java.time.Duration window();
    }

    /** Photos attached to complaints. */
    Photos photos();

    /** Open311 GeoReport v2. */
    Open311 open311();

    interface Open311 {

        /** The endpoint's public address, as discovery.json names it (the gateway's, which routes /open311/). */
        @WithDefault("http://127.0.0.1:8080/open311/v2")
        String endpoint();

        /**
         * The one jurisdiction the endpoint serves, as discovery.json names it; a call naming another jurisdiction_id
         * is 404 naming it.
         */
        @WithDefault("ecogov")
        String jurisdictionId();
    }

    interface Photos {

        /** The largest photo taken, in bytes (one whole upload; the HTTP body limit is set to match). */
        @WithDefault("5242880")
        int maxBytes();

        /** How many photos one complaint may have. */
        @WithDefault("5")
        int maxPerComplaint();
    }

    /** The agencies' working-day calendar. */
    Calendar calendar();

    interface Calendar {

        /** Public holidays on which nobody works, whatever the weekday. */
        Optional<List<LocalDate>> holidays();

        /** Saturdays and Sundays that are working days (the make-up days around long holidays). */
        Optional<List<LocalDate>> workingWeekends();

        /** The years the two lists are complete for; outside them only weekends are known (logged at start). */
        Optional<List<Integer>> years();
    }
}
