package org.ecogov.registry.domain;

/** What is stated about an agency: its name, kind and the division it has authority over. */
public record AgencyDetails(String name, String kind, String jurisdiction) {

    public AgencyDetails {
        name = name == null ? null : name.strip();
    }

    public void applyTo(Agency a) {
        a.name = name;
        a.kind = kind;
        a.jurisdiction = jurisdiction;
    }
}
