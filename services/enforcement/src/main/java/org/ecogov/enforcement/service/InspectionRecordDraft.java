package org.ecogov.enforcement.service;

import java.time.Instant;
import java.util.List;

import org.ecogov.enforcement.domain.ChecklistEntry;
import org.ecogov.enforcement.domain.FindingEntry;
import org.ecogov.enforcement.domain.InspectionStatus;

/**
 * What was done on site, as a record replaces it: status, time on site, position, checklist, findings, and for a
 * follow-up inspection what it found of the violation ({@code corrected} or {@code continuing}).
 */
public record InspectionRecordDraft(InspectionStatus status, Instant arrivedAt, Instant leftAt, Double latitude,
        Double longitude, List<ChecklistEntry> checklist, List<FindingEntry> findings, String rectificationFinding) {
}
