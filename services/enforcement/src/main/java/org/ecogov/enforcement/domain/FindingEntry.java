package org.ecogov.enforcement.domain;

/**
 * One finding of an inspection: what was found, whether it is a suspected violation (a case can be opened from it),
 * and, where it concerns one, the outlet and the pollutant.
 */
public record FindingEntry(String code, String description, boolean violation, String outletCode, String pollutantCode) {
}
