package org.ecogov.emissions.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the service keeps of the registry's records, read from the registry's JSON: an event's data (api-specs/events/
 * registry) or a REST answer of the registry (the generated client's models, turned into the same JSON). Both have the
 * shape of the registry's contract; members the service does not need are ignored.
 */
public final class RegistryRecords {

    private RegistryRecords() {
    }

    public record EnterpriseRecord(String uscc, String name, String divisionCode, String park, String status, int version) {

        public static EnterpriseRecord of(JsonNode enterprise) {
            JsonNode details = enterprise.path("details");
            return new EnterpriseRecord(required(enterprise, "uscc"), required(details, "name"),
                    required(details, "divisionCode"), text(details, "park"), required(enterprise, "status"),
                    versionOf(enterprise));
        }
    }

    /** A pollutant an outlet may discharge, with its limits in the pollutant's unit. */
    public record PollutantLimit(String pollutant, String unit, Double limitMin, Double limitMax, Double annualTonnes) {
    }

    public record OutletRecord(String uscc, String code, String kind, int version, List<PollutantLimit> pollutants) {

        public static OutletRecord of(String uscc, JsonNode outlet) {
            List<PollutantLimit> pollutants = new ArrayList<>();
            for (JsonNode p : outlet.path("details").path("pollutants")) {
                pollutants.add(new PollutantLimit(required(p, "pollutant"), text(p, "unit"), number(p, "limitMin"),
                        number(p, "limitMax"), number(p, "annualPermittedTonnes")));
            }
            return new OutletRecord(uscc, required(outlet, "code"), required(outlet, "kind"), versionOf(outlet),
                    List.copyOf(pollutants));
        }
    }

    public record PermitRecord(String number, String uscc, LocalDate validFrom, LocalDate validTo, String status,
            Instant revokedAt, List<String> outletCodes, int version) {

        public static PermitRecord of(String uscc, JsonNode permit) {
            List<String> outlets = new ArrayList<>();
            permit.path("outletCodes").forEach(code -> outlets.add(code.asText()));
            String revokedAt = text(permit, "revokedAt");
            return new PermitRecord(required(permit, "number"), uscc, LocalDate.parse(required(permit, "validFrom")),
                    LocalDate.parse(required(permit, "validTo")), permit.path("status").asText("in-force"),
                    revokedAt == null ? null : Instant.parse(revokedAt), List.copyOf(outlets), versionOf(permit));
        }
    }

    private static int versionOf(JsonNode record) {
        JsonNode version = record.path("audit").path("version");
        if (!version.canConvertToInt() || version.asInt() < 1) {
            throw new IllegalArgumentException("a registry record without its audit.version");
        }
        return version.asInt();
    }

    private static String required(JsonNode node, String member) {
        String value = text(node, member);
        if (value == null) {
            throw new IllegalArgumentException("a registry record without " + member);
        }
        return value;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.path(member);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Double number(JsonNode node, String member) {
        JsonNode value = node.path(member);
        return value.isNumber() ? value.doubleValue() : null;
    }
}
