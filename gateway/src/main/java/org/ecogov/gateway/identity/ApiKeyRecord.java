package org.ecogov.gateway.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An API key as stored: who it belongs to, what it may do, and the hashes of its secrets (the current one,
 * and during a rotation's grace period the previous one). Immutable; a change is a new record.
 */
public record ApiKeyRecord(
        String id,
        String organisation,
        String organisationName,
        String name,
        Set<String> scopes,
        byte[] secretHash,
        byte[] previousSecretHash,
        Instant previousValidUntil,
        Instant expiresAt,
        int rateRequests,
        int rateWindowSeconds,
        List<IpRange> allowedIps,
        Instant createdAt,
        String createdBy,
        Instant rotatedAt,
        Instant revokedAt,
        String revokedBy,
        String revocationReason,
        Instant lastUsedAt,
        String lastUsedIp) {

    public ApiKeyRecord {
        scopes = Set.copyOf(scopes);
        allowedIps = List.copyOf(allowedIps);
    }

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** Whether the secret is the key's current one, or its previous one still inside the grace period. */
    public boolean acceptsSecret(String secret, Instant now) {
        // both comparisons always run, so the time taken does not tell which secret matched; one hash serves both
        byte[] presented = ApiKeySecrets.hash(secret);
        boolean current = ApiKeySecrets.matches(presented, secretHash);
        boolean previous = previousSecretHash != null && ApiKeySecrets.matches(presented, previousSecretHash)
                && previousValidUntil != null && now.isBefore(previousValidUntil);
        return current | previous;
    }

    /** Whether a request from this address may use the key; an empty list allows every address. */
    public boolean allowsAddress(String address) {
        if (allowedIps.isEmpty()) {
            return true;
        }
        for (IpRange range : allowedIps) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ApiKeyRecord[id=" + id + ", organisation=" + organisation + ", scopes=" + scopes + "]";
    }
}
