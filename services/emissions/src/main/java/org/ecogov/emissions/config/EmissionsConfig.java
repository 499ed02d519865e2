package org.ecogov.emissions.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The emissions service's own settings (application.properties, {@code emissions.*}). */
@ConfigMapping(prefix = "emissions")
public interface EmissionsConfig {

    /** Where monitoring values are kept and which times are accepted. */
    Measurements measurements();

    /** Data gaps. */
    Gaps gaps();

    interface Gaps {

        /** How long an outlet may send nothing before it gets a silent data gap. */
        @WithDefault("PT6H")
        Duration silence();

        /** How often outlets are looked at for silence (SilenceWatch; a Quarkus scheduler period). */
        @WithDefault("10m")
        String check();
    }

    /** The limits copy. */
    Limits limits();

    interface Limits {

        /** How often the load at start is tried again until it went through (LimitsLoader; a scheduler period). */
        @WithDefault("60s")
        String loadRetry();
    }

    /** Self-monitoring reports. */
    Reports reports();

    interface Reports {

        /** The zone report deadlines are kept in. */
        @WithDefault("Asia/Shanghai")
        java.time.ZoneId zone();

        /** Per period kind, the day of the month after the period by whose end a report is due. */
        DueDay dueDay();

        interface DueDay {

            @WithDefault("15")
            int month();

            @WithDefault("15")
            int quarter();

            @WithDefault("31")
            int year();
        }
    }

    interface Measurements {

        /**
         * How many whole months before the current one (UTC) a value may lie in; older values are refused, and
         * partitions are kept from that month on.
         */
        @WithDefault("25")
        int monthsBack();

        /** How many months after the current one have their partitions made ahead of time. */
        @WithDefault("3")
        int monthsAhead();

        /** How far ahead of now a value may lie (a device's clock running fast); later values are refused. */
        @WithDefault("PT1H")
        Duration futureTolerance();

        /** How often the partitions ahead are checked (PartitionMaintenance; a scheduler period). */
        @WithDefault("6h")
        String partitionCheck();
    }
}
