package org.ecogov.registry.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ecogov.registry.domain.Permit;
import org.ecogov.registry.domain.PermitState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.ecogov.registry.repository.SnapshotJson.instant;
import static org.ecogov.registry.repository.SnapshotJson.text;

/**
 * How {@code permit_version.snapshot} holds a {@link PermitState}: JSON in a form of the registry's own, numbered by
 * its member {@code form}, never the API model (as {@link EnterpriseSnapshots} for enterprises). Form 1: {@code form,
 * number, enterpriseUscc, managementClass, validFrom, validTo} (yyyy-mm-dd), {@code issuingAgency, outletCodes,
 * status} ({@code active}/{@code revoked}), {@code revokedAt, revocationReason, version, createdAt, createdBy,
 * updatedAt, updatedBy} (times RFC 3339 UTC). The migration V2 wrote the first version of the permits recorded before
 * in this form too. Members a form does not know are ignored; a change that renames or removes one makes a new form.
 */
public final class PermitSnapshots {

    static final int CURRENT_FORM = 1;

    private PermitSnapshots() {
    }

    public static String write(PermitState s) {
        ObjectNode node = SnapshotJson.JSON.createObjectNode();
        node.put("form", CURRENT_FORM);
        node.put("number", s.number());
        node.put("enterpriseUscc", s.enterpriseUscc());
        node.put("managementClass", s.managementClass());
        node.put("validFrom", s.validFrom().toString());
        node.put("validTo", s.validTo().toString());
        node.put("issuingAgency", s.issuingAgency());
        s.outletCodes().forEach(node.putArray("outletCodes")::add);
        node.put("status", s.revoked() ? Permit.REVOKED : Permit.ACTIVE);
        node.put("revokedAt", text(s.revokedAt()));
        node.put("revocationReason", s.revocationReason());
        SnapshotJson.putAudit(node, s.version(), s.createdAt(), s.createdBy(), s.updatedAt(), s.updatedBy());
        return node.toString();
    }

    public static PermitState read(String snapshot) {
        JsonNode n = SnapshotJson.parse(snapshot, "a permit");
        int form = n.path("form").asInt(0);
        if (form != 1) {
            throw new IllegalStateException("permit snapshot of form " + form + ", which this registry does not read ("
                    + CURRENT_FORM + ")");
        }
        List<String> outlets = new ArrayList<>();
        n.path("outletCodes").forEach(code -> outlets.add(code.asText()));
        return new PermitState(text(n, "number"), text(n, "enterpriseUscc"), text(n, "managementClass"),
                LocalDate.parse(text(n, "validFrom")), LocalDate.parse(text(n, "validTo")), text(n, "issuingAgency"),
                outlets, Permit.REVOKED.equals(text(n, "status")), instant(n, "revokedAt"), text(n, "revocationReason"),
                n.path("version").asLong(), instant(n, "createdAt"), text(n, "createdBy"), instant(n, "updatedAt"),
                text(n, "updatedBy"));
    }
}
