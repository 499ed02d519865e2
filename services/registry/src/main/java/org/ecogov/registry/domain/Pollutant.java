package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entry of the pollutant reference list (HJ 212-2017 code, medium and unit). */
@Entity
@Table(name = "pollutant")
public class Pollutant extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    public String medium;

    public String unit;
}
