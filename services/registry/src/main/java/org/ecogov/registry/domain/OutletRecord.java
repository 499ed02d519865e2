package org.ecogov.registry.domain;

import java.util.Map;

/** An outlet with the unit of each of its pollutants, from the reference list (units are never input). */
public record OutletRecord(Outlet outlet, Map<String, String> units) {

    public static OutletRecord of(Outlet outlet, Map<String, Pollutant> reference) {
        Map<String, String> units = new java.util.HashMap<>();
        reference.forEach((code, pollutant) -> units.put(code, pollutant.unit));
        return new OutletRecord(outlet, Map.copyOf(units));
    }

    /** What the audit log fingerprints of the outlet. */
    public Map<String, Object> state() {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("enterpriseUscc", outlet.enterpriseUscc);
        state.put("code", outlet.code);
        state.put("kind", outlet.kind);
        state.put("name", outlet.name);
        state.put("latitude", outlet.latitude);
        state.put("longitude", outlet.longitude);
        state.put("pollutants", outlet.pollutants.stream().map(p -> java.util.Arrays.asList(p.pollutant, p.limitMin,
                p.limitMax, p.annualPermittedTonnes)).toList());
        state.put("version", outlet.version);
        return state;
    }
}
