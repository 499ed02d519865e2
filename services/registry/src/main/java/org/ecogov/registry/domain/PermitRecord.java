package org.ecogov.registry.domain;

import java.time.LocalDate;

/** A permit as the registry answers it: its state, and where it stands on the day of the answer. */
public record PermitRecord(PermitState state, PermitStatus status) {

    public static PermitRecord on(LocalDate day, PermitState state) {
        return new PermitRecord(state, state.statusOn(day));
    }
}
