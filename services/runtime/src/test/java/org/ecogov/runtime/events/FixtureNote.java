package org.ecogov.runtime.events;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The fixture's aggregate: a change to it publishes an event. */
@Entity
@Table(name = "fixture_note")
public class FixtureNote extends PanacheEntityBase {

    @Id
    public Long id;

    public String text;
}
