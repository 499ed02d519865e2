package org.ecogov.enforcement.domain;

/** The decisions an agency takes against an enterprise. */
public enum DecisionKind {

    WARNING("warning"),
    RECTIFICATION_ORDER("rectification-order"),
    FINE("fine"),
    DAILY_CONTINUING_PENALTY("daily-continuing-penalty"),
    PRODUCTION_RESTRICTION("production-restriction"),
    PRODUCTION_SUSPENSION("production-suspension"),
    SEAL_UP("seal-up"),
    POLICE_REFERRAL("police-referral");

    private final String value;

    DecisionKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static DecisionKind of(String value) {
        for (DecisionKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no decision kind " + value);
    }
}
