package org.ecogov.enforcement.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What an agency lead defines of a random inspection plan. */
public record PlanDraft(String title, String jurisdiction, LocalDate periodStart, LocalDate periodEnd,
        boolean keyMonitoredOnly, BigDecimal samplingRatio, List<String> inspectors) {
}
