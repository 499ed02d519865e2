package org.ecogov.emissions.domain;

import java.time.Instant;

/** One monitoring value of an outlet and pollutant, as ingest stores it. */
public record Measurement(String outlet, String pollutant, MeasurementKind kind, Instant time, Double avg, Double min,
        Double max, DataFlag flag) {

    /** What makes a value the same value: a second one with this key is a duplicate. */
    public record Key(String outlet, String pollutant, MeasurementKind kind, Instant time) {
    }

    public Key key() {
        return new Key(outlet, pollutant, kind, time);
    }
}
