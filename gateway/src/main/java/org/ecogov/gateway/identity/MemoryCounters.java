package org.ecogov.gateway.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.ecogov.gateway.identity.RateCounters.Window;

/** Rate-limit counts in this replica's memory: one current window per counter, at most {@code maxEntries} counters. */
final class MemoryCounters {

    private record Current(long start, long millis, AtomicLong count) {
    }

    private final Map<String, Current> windows = new ConcurrentHashMap<>();
    private final int maxEntries;

    MemoryCounters(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    long increment(Window window, long now) {
        if (windows.size() >= maxEntries && !windows.containsKey(window.counter())) {
            // ended windows first; if every counter is live, start afresh rather than grow without bound
            windows.values().removeIf(current -> current.start() + current.millis() <= now);
            if (windows.size() >= maxEntries) {
                windows.clear();
            }
        }
        Current current = windows.compute(window.counter(), (name, existing) ->
                existing != null && existing.start() == window.start() ? existing : new Current(window.start(), window.millis(), new AtomicLong()));
        return current.count().incrementAndGet();
    }

    long count(Window window) {
        Current current = windows.get(window.counter());
        return current != null && current.start() == window.start() ? current.count().get() : 0;
    }

    void forget(String counter) {
        windows.remove(counter);
    }
}
