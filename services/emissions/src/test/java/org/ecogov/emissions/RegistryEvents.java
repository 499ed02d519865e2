package org.ecogov.emissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The registry's events as it publishes them (api-specs/events/registry), put on the broker by the runtime's relay:
 * a test appends the envelope to the service's own outbox, the relay sends it to the event address, and the service's
 * consumer receives it from its queue like any event of the registry.
 */
public final class RegistryEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryEvents() {
    }

    /** A pollutant with an upper limit (and no annual total). */
    public static Map<String, Object> limit(String pollutant, String unit, double limitMax) {
        return Map.of("pollutant", pollutant, "unit", unit, "limitMax", limitMax);
    }

    public static String enterpriseCreated(String uscc, String division, Instant time) {
        ObjectNode enterprise = JSON.createObjectNode().put("uscc", uscc).put("status", "operating");
        enterprise.putObject("details").put("name", "Enterprise " + uscc).put("divisionCode", division)
                .put("keyMonitored", true).put("park", "QJIP");
        enterprise.putObject("audit").put("version", 1);
        ObjectNode data = JSON.createObjectNode();
        data.set("enterprise", enterprise);
        return envelope("org.ecogov.registry.enterprise.created.v1", "enterprises/" + uscc, time, data);
    }

    @SafeVarargs
    public static String outlet(String type, String uscc, String code, int version, Instant time,
            Map<String, Object>... pollutants) {
        ObjectNode outlet = JSON.createObjectNode().put("enterpriseUscc", uscc).put("code", code)
                .put("kind", code.startsWith("DA") ? "air" : "water");
        ObjectNode details = outlet.putObject("details").put("name", "Outlet " + code);
        details.putObject("location").put("latitude", 30.66).put("longitude", 117.49);
        ArrayNode list = details.putArray("pollutants");
        for (Map<String, Object> p : pollutants) {
            list.add(JSON.valueToTree(p));
        }
        outlet.putObject("audit").put("version", version);
        ObjectNode data = JSON.createObjectNode().put("uscc", uscc);
        data.set("outlet", outlet);
        return envelope("org.ecogov.registry.outlet." + type + ".v1", "enterprises/" + uscc + "/outlets/" + code, time,
                data);
    }

    /** A permit event (created, amended, status-changed) naming these outlets; revokedAt null unless revoked. */
    public static String permit(String type, String uscc, String number, int version, Instant time,
            java.time.LocalDate validFrom, java.time.LocalDate validTo, Instant revokedAt, String... outlets) {
        ObjectNode permit = JSON.createObjectNode().put("number", number).put("enterpriseUscc", uscc)
                .put("managementClass", "key").put("validFrom", validFrom.toString()).put("validTo", validTo.toString())
                .put("issuingAgency", "EEB-341702").put("status", revokedAt != null ? "revoked" : "in-force");
        ArrayNode codes = permit.putArray("outletCodes");
        for (String outlet : outlets) {
            codes.add(outlet);
        }
        if (revokedAt != null) {
            permit.put("revokedAt", revokedAt.toString());
        }
        permit.putObject("audit").put("version", version);
        ObjectNode data = JSON.createObjectNode().put("uscc", uscc);
        data.set("permit", permit);
        return envelope("org.ecogov.registry.permit." + type + ".v1", "enterprises/" + uscc + "/permits/" + number, time,
                data);
    }

    public static String envelope(String type, String subject, Instant time, ObjectNode data) {
        ObjectNode envelope = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "urn:ecogov:registry").put("type", type).put("subject", subject)
                .put("time", time.toString()).put("datacontenttype", "application/json");
        envelope.set("data", data);
        return envelope.toString();
    }

    /** Has the relay publish an envelope it published before once more, as after an acceptance whose answer was lost. */
    public static void republish(String envelope) {
        try {
            String id = JSON.readTree(envelope).get("id").asText();
            Database.execute("update event_outbox set sent_at = null where event_id = '" + id + "'", "notify event_outbox");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Hands the envelope to the relay, which publishes it to the broker. */
    public static void publish(String envelope) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(envelope);
            Database.execute("insert into event_outbox (event_id, type, subject, envelope) values ('"
                    + node.get("id").asText() + "', '" + node.get("type").asText() + "', '"
                    + node.get("subject").asText() + "', '" + envelope.replace("'", "''") + "')");
            Database.execute("notify event_outbox");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
