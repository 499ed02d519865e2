package org.ecogov.registry.domain;

import java.util.List;

/**
 * A discharge permit to record: its number, management class, validity (yyyy-mm-dd, checked to be calendar days
 * when recorded), issuing agency and the outlets it covers.
 */
public record PermitApplication(String number, String managementClass, String validFrom, String validTo,
        String issuingAgency, List<String> outletCodes) {

    public PermitApplication {
        outletCodes = List.copyOf(outletCodes);
    }
}
