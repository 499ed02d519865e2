package org.ecogov.runtime.idempotency;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.testing.SettableClock;

/** The fixture keeps the time a test sets (the system's time until one does; the runtime's clock is a default bean). */
public class TestClock {

    @Produces
    @Singleton
    java.time.Clock clock() {
        return SettableClock.INSTANCE;
    }
}
