package org.ecogov.registry.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A government agency taking part in the platform, with the division code it has authority over. */
@Entity
@Table(name = "agency")
public class Agency extends Versioned {

    @Id
    public String code;

    public String name;

    public String kind;

    public String jurisdiction;
}
