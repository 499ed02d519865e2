package org.ecogov.registry.domain;

import java.math.BigDecimal;
import java.util.List;

/** What is stated about a discharge outlet when registering or correcting it: name, place, permitted pollutants. */
public record OutletDetails(String name, double latitude, double longitude, List<Permitted> pollutants) {

    public OutletDetails {
        name = name == null ? null : name.strip();
        pollutants = List.copyOf(pollutants);
    }

    /** One permitted pollutant (its HJ 212 code) with its concentration limits and annual permitted total. */
    public record Permitted(String pollutant, BigDecimal limitMin, BigDecimal limitMax, BigDecimal annualPermittedTonnes) {
    }
}
