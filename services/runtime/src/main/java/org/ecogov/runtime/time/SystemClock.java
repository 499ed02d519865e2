package org.ecogov.runtime.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The source of {@link Clock}: the system's UTC clock, unless the application produces a {@link java.time.Clock}. */
@Singleton
public class SystemClock {

    @Produces
    @Singleton
    @DefaultBean
    java.time.Clock systemUtc() {
        return java.time.Clock.systemUTC();
    }
}
