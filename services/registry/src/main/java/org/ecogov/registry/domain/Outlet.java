package org.ecogov.registry.domain;

import org.ecogov.runtime.persistence.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;

/** A discharge outlet of an enterprise with the pollutants it is permitted to discharge. */
@Entity
@Table(name = "outlet")
public class Outlet extends Versioned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "enterprise_uscc")
    public String enterpriseUscc;

    public String code;

    public String kind;

    public String name;

    public double latitude;

    public double longitude;

    @ElementCollection
    @CollectionTable(name = "outlet_pollutant", joinColumns = @JoinColumn(name = "outlet_id"))
    @OrderBy("pollutant")
    public List<OutletPollutant> pollutants = new ArrayList<>();

    public void replacePollutants(List<OutletPollutant> replacement) {
        pollutants.clear();
        pollutants.addAll(replacement);
    }
}
