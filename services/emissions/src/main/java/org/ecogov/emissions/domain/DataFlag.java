package org.ecogov.emissions.domain;

import java.util.Optional;

/**
 * The HJ 212-2017 data flag a monitoring device sends with each value: kept as its code, shown by its name. Only a
 * normal value can open an exceedance; maintenance, calibration and fault count as data gaps.
 */
public enum DataFlag {

    N("normal"),
    F("stopped"),
    M("maintenance"),
    S("manual"),
    D("fault"),
    C("calibration"),
    T("over-range"),
    B("communication-failure");

    private final String readable;

    DataFlag(String readable) {
        this.readable = readable;
    }

    /** The name the API shows beside the code. */
    public String readable() {
        return readable;
    }

    public static Optional<DataFlag> ofCode(String code) {
        if (code == null || code.length() != 1) {
            return Optional.empty();
        }
        for (DataFlag flag : values()) {
            if (flag.name().equals(code)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    /** Whether a value with this flag is a data gap rather than a measurement to judge. */
    public boolean isGap() {
        return this == M || this == C || this == D;
    }
}
