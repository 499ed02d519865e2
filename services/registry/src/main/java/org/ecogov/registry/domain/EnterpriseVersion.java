package org.ecogov.registry.domain;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One version of an enterprise: the change that made it and the enterprise right after it ({@code snapshot}, in the form of {@link org.ecogov.registry.repository.EnterpriseSnapshots}); never updated. */
@Entity
@Table(name = "enterprise_version")
public class EnterpriseVersion extends StoredVersion {

    @EmbeddedId
    public Key id;

    /** The version an enterprise reached with the change just stamped on it. */
    public static EnterpriseVersion of(Enterprise e, String action, String reason, String snapshot) {
        EnterpriseVersion v = new EnterpriseVersion();
        v.id = new Key(e.uscc, e.version);
        v.describe(action, e, reason, snapshot);
        return v;
    }

    @Embeddable
    public static class Key implements Serializable {
        public String uscc;
        public long version;

        public Key() {
        }

        public Key(String uscc, long version) {
            this.uscc = uscc;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.uscc, uscc);
        }

        @Override
        public int hashCode() {
            return Objects.hash(uscc, version);
        }
    }
}
