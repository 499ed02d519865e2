package org.ecogov.complaints.domain;

import java.time.Instant;

/** A photo without its bytes, as the handlers' list shows it (a projection of {@link Photo}). */
public record PhotoSummary(String sha256, String mediaType, int bytes, int width, int height, Instant addedAt) {
}
