package org.ecogov.complaints.service;

import java.time.Instant;

/**
 * A complaint as filed, in the service's own terms (the resource maps the contract's body to it). Either of
 * {@code latitude}/{@code longitude} and {@code divisionCode} may be null, the contact members too; {@code receivedAt}
 * (a hotline call entered afterwards: when it was received) is null unless given.
 */
public record Submission(String category, String description, Double latitude, Double longitude, String divisionCode,
        Instant observedAt, String suspectedUscc, String channel, String contactName, String contactPhone,
        String contactEmail, Instant receivedAt) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
