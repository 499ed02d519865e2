package org.ecogov.emissions.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The emissions service's own settings (application.properties, {@code emissions.*}). */
@ConfigMapping(prefix = "emissions")
public interface EmissionsConfig {

    /** Where monitoring values are kept and which times are accepted. */
    Measurements measurements();

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
    }
}
