package org.ecogov.registry.domain;

/**
 * What an officer states about an enterprise when registering or correcting it (everything but its USCC, status
 * and audit fields). Text is kept as given, without surrounding blanks.
 */
public record EnterpriseDetails(String name, String legalRepresentative, String industryCode, String address,
        double latitude, double longitude, String divisionCode, String park, boolean keyMonitored) {

    public EnterpriseDetails {
        name = strip(name);
        legalRepresentative = strip(legalRepresentative);
        address = strip(address);
    }

    public static EnterpriseDetails of(Enterprise e) {
        return new EnterpriseDetails(e.name, e.legalRepresentative, e.industryCode, e.address, e.latitude, e.longitude,
                e.divisionCode, e.park, e.keyMonitored);
    }

    public void applyTo(Enterprise e) {
        e.name = name;
        e.legalRepresentative = legalRepresentative;
        e.industryCode = industryCode;
        e.address = address;
        e.latitude = latitude;
        e.longitude = longitude;
        e.divisionCode = divisionCode;
        e.park = park;
        e.keyMonitored = keyMonitored;
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }
}
