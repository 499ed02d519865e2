package org.ecogov.gateway.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.api.model.ApiKeyCreateDto;
import org.ecogov.gateway.api.model.ApiKeyDto;
import org.ecogov.gateway.api.model.ApiKeyPageDto;
import org.ecogov.gateway.api.model.ApiKeyScopeDto;
import org.ecogov.gateway.api.model.ApiKeyStatusDto;
import org.ecogov.gateway.api.model.ApiKeyUsageDto;
import org.ecogov.gateway.api.model.DailyUsageDto;
import org.ecogov.gateway.api.model.IssuedApiKeyDto;
import org.ecogov.gateway.api.model.RateLimitDto;
import org.ecogov.gateway.identity.ApiKeyCache;
import org.ecogov.gateway.identity.ApiKeyRecord;
import org.ecogov.gateway.identity.ApiKeySecrets;
import org.ecogov.gateway.identity.Door;
import org.ecogov.gateway.identity.GatewayTokens;
import org.ecogov.gateway.identity.IpRange;
import org.ecogov.gateway.identity.RateLimiter;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.gateway.GatewayProblem;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.smallrye.mutiny.Uni;

/**
 * Issuing and managing API keys (platform-admin only; the resource checks the role). Secrets leave this
 * class exactly once, in the answer to a create or a rotate; everything stored or listed is the public id
 * and metadata.
 */
@ApplicationScoped
public class ApiKeyService {

    /** The furthest ahead a key may expire: long-lived secrets leak. */
    static final Duration LONGEST_LIFE = Duration.ofDays(731);
    private static final Pattern CURSOR_KEY = Pattern.compile("^[0-9]{1,19}:ecok_[a-z0-9]{10}$");

    private final ApiKeyStore store;
    private final ApiKeyCache cache;
    private final GatewayTokens tokens;
    private final RateLimiter limiter;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore store, ApiKeyCache cache, GatewayTokens tokens, RateLimiter limiter, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.cache = cache;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    public Uni<IssuedApiKeyDto> create(Caller caller, ApiKeyCreateDto request) {
        Instant now = clock.now();
        List<FieldViolation> violations = new ArrayList<>();
        Instant expiresAt = expiry(request.getExpiresAt(), now, violations);
        List<IpRange> allowedIps = new ArrayList<>();
        List<String> requested = request.getAllowedIps() == null ? List.of() : request.getAllowedIps();
        for (int i = 0; i < requested.size(); i++) {
            try {
                allowedIps.add(IpRange.parse(requested.get(i)));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("allowedIps[" + i + "]", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "The key cannot be issued as asked.", violations);
        }
        Set<String> scopes = new LinkedHashSet<>();
        request.getScopes().forEach(scope -> scopes.add(scope.toString()));
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue();
        ApiKeyRecord key = new ApiKeyRecord(issued.id(), request.getOrganisation(), request.getOrganisationName().strip(),
                request.getName().strip(), scopes, issued.secretHash(), null, null, expiresAt,
                request.getRateLimit().getRequests(), request.getRateLimit().getWindowSeconds(), allowedIps,
                micros(now), caller.actor(), null, null, null, null, null, null);
        return store.insert(key, caller).map(created -> {
            // usable on this replica at once, before PostgreSQL's announcement comes back (the others hear of it so)
            cache.evict(created.id());
            return new IssuedApiKeyDto().apiKey(dto(created, now)).key(issued.key());
        });
    }

    public Uni<ApiKeyDto> get(String id) {
        return store.find(id).map(found -> dto(found.orElseThrow(() -> notFound(id)), clock.now()));
    }

    public Uni<ApiKeyPageDto> list(String organisation, ApiKeyStatusDto status, String cursor, int limit) {
        Instant now = clock.now();
        ApiKeyStore.Position after = position(cursor);
        return store.list(organisation, status == null ? null : status.toString(), after, limit + 1, now).map(keys -> {
            ApiKeyPageDto page = new ApiKeyPageDto().limit(limit);
            keys.stream().limit(limit).forEach(key -> page.addItemsItem(dto(key, now)));
            if (keys.size() > limit) {
                ApiKeyRecord last = keys.get(limit - 1);
                page.next(PageCursor.encode(toMicros(last.createdAt()) + ":" + last.id()));
            }
            return page;
        });
    }

    public Uni<ApiKeyDto> revoke(Caller caller, String id, String reason) {
        Instant now = clock.now();
        return store.revoke(id, caller, reason.strip(), micros(now))
                .call(revoked -> revoked.isPresent() ? Uni.createFrom().item(revoked) : explainMissing(id))
                .map(revoked -> {
                    forget(id);
                    return dto(revoked.orElseThrow(), now);
                });
    }

    public Uni<IssuedApiKeyDto> rotate(Caller caller, String id, int graceSeconds) {
        Instant now = clock.now();
        ApiKeySecrets.Issued issued = ApiKeySecrets.withId(id);
        Instant previousValidUntil = graceSeconds > 0 ? now.plusSeconds(graceSeconds) : null;
        return store.rotate(id, issued.secretHash(), previousValidUntil, caller, now).map(rotated -> {
            ApiKeyRecord key = rotated.orElseThrow(() -> notFound(id));
            if (key.revokedAt() != null) {
                throw revoked(id);
            }
            forget(id);
            return new IssuedApiKeyDto().apiKey(dto(key, now)).key(issued.key());
        });
    }

    public Uni<ApiKeyUsageDto> usage(String id, int days) {
        LocalDate from = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC).minusDays(days - 1L);
        return store.find(id).map(found -> found.orElseThrow(() -> notFound(id)))
                .chain(key -> store.usage(id, from).map(counts -> {
                    ApiKeyUsageDto usage = new ApiKeyUsageDto().id(id).total(0L)
                            .lastUsedAt(time(key.lastUsedAt())).lastUsedIp(key.lastUsedIp());
                    long total = 0;
                    for (ApiKeyStore.DayCount day : counts) {
                        usage.addDaysItem(new DailyUsageDto().date(day.day().toString())
                                .requests(day.requests()).refused(day.refused()));
                        total += day.requests();
                    }
                    return usage.total(total);
                }));
    }

    private Uni<Object> explainMissing(String id) {
        return store.find(id).map(found -> {
            throw found.isPresent() ? revoked(id) : notFound(id);
        });
    }

    /** This replica forgets the key at once; the others hear of the change from PostgreSQL. */
    private void forget(String id) {
        cache.evict(id);
        tokens.forget(id);
        limiter.forget(Door.keyBucket(id));
    }

    private static Instant expiry(String text, Instant now, List<FieldViolation> violations) {
        try {
            Instant expiresAt = micros(OffsetDateTime.parse(text).toInstant());
            if (!expiresAt.isAfter(now)) {
                violations.add(new FieldViolation("expiresAt", "must be in the future"));
            } else if (expiresAt.isAfter(now.plus(LONGEST_LIFE))) {
                violations.add(new FieldViolation("expiresAt", "must be at most two years ahead"));
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("expiresAt", "not a date-time that exists: " + text));
            return null;
        }
    }

    private static ApiKeyStore.Position position(String cursor) {
        String key = PageCursor.decode(cursor, text -> CURSOR_KEY.matcher(text).matches());
        if (key == null) {
            return null;
        }
        int colon = key.indexOf(':');
        long micros = Long.parseLong(key.substring(0, colon));
        return new ApiKeyStore.Position(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000),
                key.substring(colon + 1));
    }

    private static long toMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static ApiKeyDto dto(ApiKeyRecord key, Instant now) {
        ApiKeyDto dto = new ApiKeyDto()
                .id(key.id())
                .organisation(key.organisation())
                .organisationName(key.organisationName())
                .name(key.name())
                .scopes(key.scopes().stream().sorted().map(ApiKeyScopeDto::fromValue).toList())
                .status(ApiKeyStatusDto.fromValue(key.status(now).name().toLowerCase(java.util.Locale.ROOT)))
                .expiresAt(time(key.expiresAt()))
                .rateLimit(new RateLimitDto().requests(key.rateRequests()).windowSeconds(key.rateWindowSeconds()))
                .allowedIps(key.allowedIps().stream().map(IpRange::toString).collect(java.util.stream.Collectors.toList()))
                .createdAt(time(key.createdAt()))
                .createdBy(key.createdBy())
                .rotatedAt(time(key.rotatedAt()))
                .revokedAt(time(key.revokedAt()))
                .revokedBy(key.revokedBy())
                .revocationReason(key.revocationReason())
                .lastUsedAt(time(key.lastUsedAt()))
                .lastUsedIp(key.lastUsedIp());
        if (key.previousValidUntil() != null && now.isBefore(key.previousValidUntil())) {
            dto.previousSecretValidUntil(time(key.previousValidUntil()));
        }
        return dto;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.of(GatewayProblem.API_KEY_NOT_FOUND, "No API key " + id + ".");
    }

    private static ProblemException revoked(String id) {
        return ProblemException.of(GatewayProblem.API_KEY_REVOKED, "The API key " + id + " is revoked; revoked keys stay revoked.");
    }
}
