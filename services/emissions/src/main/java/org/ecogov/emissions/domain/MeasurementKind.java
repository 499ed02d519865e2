package org.ecogov.emissions.domain;

import java.util.Optional;

/** What period a monitoring value covers, as HJ 212-2017 devices send them. */
public enum MeasurementKind {

    REAL_TIME("real-time"),
    MINUTE("minute"),
    HOURLY("hourly"),
    DAILY("daily");

    private final String value;

    MeasurementKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<MeasurementKind> of(String value) {
        for (MeasurementKind kind : values()) {
            if (kind.value.equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
