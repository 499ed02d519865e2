package org.ecogov.enforcement.domain;

/** Where an inspection stands: assigned, the inspectors on site, completed (it then no longer changes). */
public enum InspectionStatus {

    ASSIGNED("assigned"), ON_SITE("on-site"), COMPLETED("completed"),
    /** The service's alone: a follow-up not started when its decision was concluded or its case closed. */
    CANCELLED("cancelled");

    private final String value;

    InspectionStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /**
     * Whether a record may move an inspection from this status to {@code next} (staying is always allowed); nothing
     * moves to or from {@code cancelled} by a record.
     */
    public boolean mayBecome(InspectionStatus next) {
        return this != CANCELLED && next != CANCELLED && next.ordinal() >= ordinal();
    }

    /** Completed or cancelled: the inspection no longer changes. */
    public boolean closed() {
        return this == COMPLETED || this == CANCELLED;
    }

    public static InspectionStatus of(String value) {
        for (InspectionStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("no inspection status " + value);
    }
}
