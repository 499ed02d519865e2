package org.ecogov.enforcement.domain;

import java.util.List;

/** A violation of a case: the provision breached, what happened, the pollutant and outlet where they apply, evidence. */
public record ViolationEntry(String legalBasis, String description, String pollutantCode, String outletCode,
        List<String> evidence) {
}
