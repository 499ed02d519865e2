package org.ecogov.complaints.service;

import java.time.Instant;

/**
 * A complaint as filed, in the service's own terms (the resource maps the contract's body to it). Either of
 * {@code latitude}/{@code longitude} and {@code divisionCode} may be null, the contact members too.
 */
public record Submission(String category, String description, Double latitude, Double longitude, String divisionCode,
        Instant observedAt, String suspectedUscc, String channel, String contactName, String contactPhone,
        String contactEmail) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
