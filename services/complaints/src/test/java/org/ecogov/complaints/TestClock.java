package org.ecogov.complaints;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.ecogov.testing.SettableClock;

/** The service under test keeps the time the tests set (the runtime's system clock is a default bean). */
public class TestClock {

    @Produces
    @Singleton
    java.time.Clock clock() {
        return SettableClock.INSTANCE;
    }
}
