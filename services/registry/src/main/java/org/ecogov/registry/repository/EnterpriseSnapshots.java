package org.ecogov.registry.repository;

import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.ecogov.registry.repository.SnapshotJson.instant;
import static org.ecogov.registry.repository.SnapshotJson.text;

/**
 * How {@code enterprise_version.snapshot} holds an {@link EnterpriseState}: JSON in a form of the registry's own,
 * numbered by its member {@code form}, never the API model. Every form ever written stays readable:
 * <ul>
 * <li>form 1 (no {@code form} member): the registry's API model {@code Enterprise} of contract 1.0.0, as written
 * until issue 8 ({@code uscc, details{name, legalRepresentative, industryCode, address, location{latitude,
 * longitude}, divisionCode, park, keyMonitored}, status, statusReason, statusChangedAt, usccCheckOverridden,
 * audit{createdAt, createdBy, updatedAt, updatedBy, version}});</li>
 * <li>form 2 (written now): {@code form: 2} and the members of {@link EnterpriseState} flat, times as RFC 3339
 * UTC.</li>
 * </ul>
 * Members a form does not know are ignored, so adding one never makes old history unreadable; a change that
 * renames or removes one makes a new form, read here beside the old ones.
 */
public final class EnterpriseSnapshots {

    static final int CURRENT_FORM = 2;

    private EnterpriseSnapshots() {
    }

    public static String write(EnterpriseState s) {
        ObjectNode node = SnapshotJson.JSON.createObjectNode();
        node.put("form", CURRENT_FORM);
        node.put("uscc", s.uscc());
        EnterpriseDetails d = s.details();
        node.put("name", d.name());
        node.put("legalRepresentative", d.legalRepresentative());
        node.put("industryCode", d.industryCode());
        node.put("address", d.address());
        node.put("latitude", d.latitude());
        node.put("longitude", d.longitude());
        node.put("divisionCode", d.divisionCode());
        node.put("park", d.park());
        node.put("keyMonitored", d.keyMonitored());
        node.put("status", s.status());
        node.put("statusReason", s.statusReason());
        node.put("statusChangedAt", text(s.statusChangedAt()));
        node.put("usccCheckOverridden", s.usccCheckOverridden());
        SnapshotJson.putAudit(node, s.version(), s.createdAt(), s.createdBy(), s.updatedAt(), s.updatedBy());
        return node.toString();
    }

    public static EnterpriseState read(String snapshot) {
        JsonNode node = SnapshotJson.parse(snapshot, "an enterprise");
        int form = node.path("form").asInt(1);
        return switch (form) {
            case 1 -> formOne(node);
            case 2 -> formTwo(node);
            default -> throw new IllegalStateException("enterprise snapshot of form " + form
                    + ", newer than this registry reads (" + CURRENT_FORM + ")");
        };
    }

    private static EnterpriseState formOne(JsonNode n) {
        JsonNode d = n.path("details");
        JsonNode audit = n.path("audit");
        return new EnterpriseState(n.path("uscc").asText(),
                new EnterpriseDetails(text(d, "name"), text(d, "legalRepresentative"), text(d, "industryCode"),
                        text(d, "address"), d.path("location").path("latitude").asDouble(),
                        d.path("location").path("longitude").asDouble(), text(d, "divisionCode"), text(d, "park"),
                        d.path("keyMonitored").asBoolean()),
                text(n, "status"), text(n, "statusReason"), instant(n, "statusChangedAt"),
                n.path("usccCheckOverridden").asBoolean(), audit.path("version").asLong(), instant(audit, "createdAt"),
                text(audit, "createdBy"), instant(audit, "updatedAt"), text(audit, "updatedBy"));
    }

    private static EnterpriseState formTwo(JsonNode n) {
        return new EnterpriseState(n.path("uscc").asText(),
                new EnterpriseDetails(text(n, "name"), text(n, "legalRepresentative"), text(n, "industryCode"),
                        text(n, "address"), n.path("latitude").asDouble(), n.path("longitude").asDouble(),
                        text(n, "divisionCode"), text(n, "park"), n.path("keyMonitored").asBoolean()),
                text(n, "status"), text(n, "statusReason"), instant(n, "statusChangedAt"),
                n.path("usccCheckOverridden").asBoolean(), n.path("version").asLong(), instant(n, "createdAt"),
                text(n, "createdBy"), instant(n, "updatedAt"), text(n, "updatedBy"));
    }
}
