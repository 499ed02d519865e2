package org.ecogov.complaints.domain;

/** Where a complaint stands; the contract's ComplaintStatus, spelled as it is there. */
public enum ComplaintStatus {
    SUBMITTED("submitted"),
    ACCEPTED("accepted"),
    REJECTED("rejected"),
    IN_PROGRESS("in-progress"),
    RESOLVED("resolved"),
    CLOSED("closed");

    private final String value;

    ComplaintStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static ComplaintStatus of(String value) {
        for (ComplaintStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no complaint status " + value);
    }

    /** Whether someone must still act on it (what "who must act, by when" lists). */
    public boolean open() {
        return this == SUBMITTED || this == ACCEPTED || this == IN_PROGRESS;
    }
}
