package org.ecogov.registry.domain;

/** Who leads on a kind of matter at a place, and at which division of the tree that was decided. */
public record LeadAgency(String matterType, String divisionCode, String decidedAt, Agency agency) {
}
