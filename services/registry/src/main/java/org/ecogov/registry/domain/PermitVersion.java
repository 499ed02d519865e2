package org.ecogov.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One version of a permit: the change that made it ({@value #RECORDED}, {@value #AMENDED}, {@value #REVOKED}) and the
 * permit right after it ({@code snapshot}, in the form of {@link org.ecogov.registry.repository.PermitSnapshots});
 * never updated.
 */
@Entity
@Table(name = "permit_version")
public class PermitVersion extends StoredVersion {

    public static final String RECORDED = "recorded";
    public static final String AMENDED = "amended";
    public static final String REVOKED = "revoked";

    @EmbeddedId
    public Key id;

    /** The version a permit reached with the change just stamped on it. */
    public static PermitVersion of(Permit p, String action, String reason, String snapshot) {
        PermitVersion v = new PermitVersion();
        v.id = new Key(p.number, p.version);
        v.describe(action, p, reason, snapshot);
        return v;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "permit_number")
        public String number;
        public long version;

        public Key() {
        }

        public Key(String number, long version) {
            this.number = number;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.number, number);
        }

        @Override
        public int hashCode() {
            return Objects.hash(number, version);
        }
    }
}
