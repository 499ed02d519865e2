package org.ecogov.registry.events;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseState;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.OutletRecord;
import org.ecogov.registry.domain.PermitRecord;
import org.ecogov.registry.domain.PermitState;
import org.ecogov.runtime.persistence.Versioned;
import org.ecogov.runtime.time.Clock;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The records the registry's events carry, in the form of the event schemas (api-specs/events/registry/), mapped
 * from the registry's domain types here and not by the rest/ mappers: the event schemas are versioned on their own
 * (a {@code .v1} type keeps its shape), so a change to the REST contract must not change what consumers of an event
 * version receive. The shapes are the REST ones of today because the v1 schemas were written from them; from now on
 * each side changes by its own contract.
 */
final class EventData {

    private EventData() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Audit(OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy, long version) {
    }

    record Location(double latitude, double longitude) {
    }

    /** enterprise.schema.json */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Enterprise(String uscc, EnterpriseData details, String status, String statusReason,
            OffsetDateTime statusChangedAt, boolean usccCheckOverridden, Audit audit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnterpriseData(String name, String legalRepresentative, String industryCode, String address,
            Location location, String divisionCode, String park, boolean keyMonitored) {
    }

    /** the outlet of outlet.created.v1.json / outlet.changed.v1.json */
    record OutletData(String enterpriseUscc, String code, String kind, OutletDetails details, Audit audit) {
    }

    record OutletDetails(String name, Location location, List<PermittedPollutant> pollutants) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PermittedPollutant(String pollutant, BigDecimal limitMin, BigDecimal limitMax, String unit,
            BigDecimal annualPermittedTonnes) {
    }

    /** permit.schema.json: the permit of permit.created.v1, permit.amended.v1, permit.status-changed.v1 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PermitData(String number, String enterpriseUscc, String managementClass, String validFrom, String validTo,
            String issuingAgency, List<String> outletCodes, String status, OffsetDateTime revokedAt,
            String revocationReason, Audit audit) {
    }

    static Enterprise of(EnterpriseState e) {
        EnterpriseDetails d = e.details();
        return new Enterprise(e.uscc(),
                new EnterpriseData(d.name(), d.legalRepresentative(), d.industryCode(), d.address(),
                        new Location(d.latitude(), d.longitude()), d.divisionCode(), d.park(), d.keyMonitored()),
                e.status(), e.statusReason(), Clock.utc(e.statusChangedAt()), e.usccCheckOverridden(),
                new Audit(Clock.utc(e.createdAt()), e.createdBy(), Clock.utc(e.updatedAt()), e.updatedBy(), e.version()));
    }

    static OutletData of(OutletRecord record) {
        Outlet o = record.outlet();
        List<PermittedPollutant> pollutants = o.pollutants.stream().map(p -> new PermittedPollutant(p.pollutant,
                plain(p.limitMin), plain(p.limitMax), record.units().get(p.pollutant), plain(p.annualPermittedTonnes)))
                .toList();
        return new OutletData(o.enterpriseUscc, o.code, o.kind,
                new OutletDetails(o.name, new Location(o.latitude, o.longitude), pollutants), audit(o));
    }

    static PermitData of(PermitRecord record) {
        PermitState p = record.state();
        return new PermitData(p.number(), p.enterpriseUscc(), p.managementClass(), p.validFrom().toString(),
                p.validTo().toString(), p.issuingAgency(), p.outletCodes(), record.status().value(),
                Clock.utc(p.revokedAt()), p.revocationReason(),
                new Audit(Clock.utc(p.createdAt()), p.createdBy(), Clock.utc(p.updatedAt()), p.updatedBy(), p.version()));
    }

    private static Audit audit(Versioned v) {
        return new Audit(Clock.utc(v.createdAt), v.createdBy, Clock.utc(v.updatedAt), v.updatedBy, v.version);
    }

    /** 0.5, not 0.50000: a limit as it was entered, whatever scale the column keeps */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
