package org.ecogov.enforcement.domain;

/** Where an inspection stands: assigned, the inspectors on site, completed (it then no longer changes). */
public enum InspectionStatus {

    ASSIGNED("assigned"), ON_SITE("on-site"), COMPLETED("completed");

    private final String value;

    InspectionStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Whether a record may move an inspection from this status to {@code next} (staying is always allowed). */
    public boolean mayBecome(InspectionStatus next) {
        return next.ordinal() >= ordinal();
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
