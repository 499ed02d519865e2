package org.ecogov.enforcement.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecogov.runtime.persistence.Versioned;

/**
 * A random inspection plan ("double random, one public"): defined by an agency lead for a period, with its target
 * pool's filter (a jurisdiction, optionally key-monitored enterprises only), a sampling ratio and an inspector pool;
 * once drawn, the draw's seed, the seed's SHA-256 and the inputs as used (JSON arrays written and read whole). The
 * drawn inspections name the plan ({@code inspection.plan_id}).
 */
@Entity
@Table(name = "inspection_plan")
public class InspectionPlan extends Versioned {

    public static final String DEFINED = "defined";
    public static final String DRAWN = "drawn";
    public static final String CLOSED = "closed";

    @Id
    public UUID id;

    public String title;

    /** The agency that owns the plan: the creating lead's. */
    public String agency;

    public String jurisdiction;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "key_monitored_only")
    public boolean keyMonitoredOnly;

    @Column(name = "sampling_ratio")
    public BigDecimal samplingRatio;

    /** The inspector pool, a JSON array of usernames, sorted. */
    public String inspectors;

    public String status;

    @Column(name = "algorithm_version")
    public Integer algorithmVersion;

    public Long seed;

    @Column(name = "seed_sha256")
    public String seedSha256;

    /** The target pool as read from the registry at the draw, a JSON array of USCCs, sorted. */
    public String pool;

    /** The always-included enterprises with their rules, a JSON object USCC → rules. */
    @Column(name = "always_included")
    public String alwaysIncluded;

    /** The always-include rules applied at the draw, a JSON array. */
    @Column(name = "rules_applied")
    public String rulesApplied;

    @Column(name = "drawn_at")
    public Instant drawnAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** What the audit log fingerprints of the plan (the seed's hash, never the seed: the log is read before publication). */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("title", title);
        state.put("agency", agency);
        state.put("jurisdiction", jurisdiction);
        state.put("period", periodStart + "/" + periodEnd);
        state.put("keyMonitoredOnly", keyMonitoredOnly);
        state.put("samplingRatio", samplingRatio.toPlainString());
        state.put("inspectors", inspectors);
        state.put("status", status);
        state.put("seedSha256", String.valueOf(seedSha256));
        state.put("version", version);
        return state;
    }
}
