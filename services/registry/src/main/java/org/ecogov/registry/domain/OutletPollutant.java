package org.ecogov.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/** One permitted pollutant of an outlet: its concentration limits and annual permitted total. */
@Embeddable
public class OutletPollutant {

    public String pollutant;

    @Column(name = "limit_min")
    public BigDecimal limitMin;

    @Column(name = "limit_max")
    public BigDecimal limitMax;

    @Column(name = "annual_permitted_tonnes")
    public BigDecimal annualPermittedTonnes;
}
