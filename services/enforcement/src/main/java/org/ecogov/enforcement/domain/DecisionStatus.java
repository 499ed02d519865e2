package org.ecogov.enforcement.domain;

/**
 * A decision's life: proposed by an officer, approved by an agency lead, issued (served on the enterprise), then
 * executed; or closed with a reason from any status but executed.
 */
public enum DecisionStatus {

    PROPOSED("proposed"), APPROVED("approved"), ISSUED("issued"), EXECUTED("executed"), CLOSED("closed");

    private final String value;

    DecisionStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether the decision is finished with, as a case's closing needs every decision to be. */
    public boolean concluded() {
        return this == EXECUTED || this == CLOSED;
    }

    public static DecisionStatus of(String value) {
        for (DecisionStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no decision status " + value);
    }
}
