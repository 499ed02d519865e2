package org.ecogov.complaints.service;

import java.time.Instant;

/**
 * A complaint as filed, in the service's own terms (the resource maps the contract's body to it). Either of
 * {@code latitude}/{@code longitude} and {@code divisionCode} may be null, the contact members too; {@code receivedAt}
 * (a hotline call entered afterwards: when it was received) is null unless given, and so is {@code mediaUrl} (an
 * Open311 client's media_url: a reference for the handling agency, never fetched).
 */
public record Submission(String category, String description, Double latitude, Double longitude, String divisionCode,
        Instant observedAt, String suspectedUscc, String channel, String contactName, String contactPhone,
        String contactEmail, Instant receivedAt, String mediaUrl) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }
}
