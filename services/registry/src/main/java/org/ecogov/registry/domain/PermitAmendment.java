package org.ecogov.registry.domain;

import java.util.List;

/**
 * New terms for a permit, all of them (management class, validity as yyyy-mm-dd, covered outlets), and why; the
 * number, holder and issuing agency never change.
 */
public record PermitAmendment(String managementClass, String validFrom, String validTo, List<String> outletCodes,
        String reason) {

    public PermitAmendment {
        outletCodes = List.copyOf(outletCodes);
    }
}
