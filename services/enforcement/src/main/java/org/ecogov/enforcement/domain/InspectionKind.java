package org.ecogov.enforcement.domain;

/** Why an inspection takes place, and which reference it therefore carries. */
public enum InspectionKind {

    ROUTINE("routine", Reference.NONE),
    RANDOM("random", Reference.NONE),
    COMPLAINT_DRIVEN("complaint-driven", Reference.COMPLAINT),
    EXCEEDANCE_DRIVEN("exceedance-driven", Reference.EXCEEDANCE),
    FOLLOW_UP("follow-up", Reference.DECISION);

    /** The one reference an inspection of a kind carries. */
    public enum Reference {
        NONE(null), COMPLAINT("complaintId"), EXCEEDANCE("exceedanceId"), DECISION("decisionId");

        private final String field;

        Reference(String field) {
            this.field = field;
        }

        /** The member of the contract that carries it; null for none. */
        public String field() {
            return field;
        }
    }

    private final String value;
    private final Reference reference;

    InspectionKind(String value, Reference reference) {
        this.value = value;
        this.reference = reference;
    }

    public String value() {
        return value;
    }

    public Reference reference() {
        return reference;
    }

    public static InspectionKind of(String value) {
        for (InspectionKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no inspection kind " + value);
    }
}
