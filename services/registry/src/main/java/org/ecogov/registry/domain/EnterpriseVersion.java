package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of an enterprise: the change that made it and the enterprise right after it ({@code snapshot}, in the form of {@link org.ecogov.registry.repository.EnterpriseSnapshots}); never updated. */
@Entity
@Table(name = "enterprise_version")
public class EnterpriseVersion extends PanacheEntityBase {

    @EmbeddedId
    public Key id;

    public String action;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    public String reason;

    /** The enterprise as it then stood, in a form of the registry's own (EnterpriseSnapshots), not the API model. */
    public String snapshot;

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
