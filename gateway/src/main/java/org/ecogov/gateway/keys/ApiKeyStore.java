package org.ecogov.gateway.keys;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.identity.ApiKeyRecord;
import org.ecogov.gateway.identity.IpRange;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.SqlConnectionSql;
import org.ecogov.runtime.security.Caller;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The gateway's API keys in PostgreSQL. Every change to a key appends an entry to the gateway's
 * hash-chained audit log (services/runtime's {@link AuditLog}) in the same transaction, and announces the key's id on the {@value #CHANNEL}
 * channel so that every gateway replica drops its cached copy at once (revocation takes effect on the next
 * request everywhere, not after a cache expiry).
 */
@ApplicationScoped
public class ApiKeyStore {

    /** The PostgreSQL NOTIFY channel on which changed key ids are announced. */
    public static final String CHANNEL = "api_key_changed";

    private static final String COLUMNS = "id, organisation, organisation_name, name, scopes, secret_hash,"
            + " previous_secret_hash, previous_valid_until, expires_at, rate_requests, rate_window_seconds,"
            + " allowed_ips, created_at, created_by, rotated_at, revoked_at, revoked_by, revocation_reason,"
            + " last_used_at, last_used_ip";

    /** One listing position: keys are listed newest first, ties broken by id. */
    public record Position(Instant createdAt, String id) {
    }

    public record DayCount(LocalDate day, long requests, long refused) {
    }

    public record UsageDelta(String keyId, LocalDate day, long requests, long refused, Instant lastUsedAt,
            String lastUsedIp) {
    }

    private final Pool pool;
    private final AuditLog auditLog;

    public ApiKeyStore(Pool pool, AuditLog auditLog) {
        this.pool = pool;
        this.auditLog = auditLog;
    }

    public Uni<Optional<ApiKeyRecord>> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from api_key where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The id of every key there is (keys are revoked, never deleted). */
    public Uni<java.util.Set<String>> ids() {
        return pool.query("select id from api_key").execute().map(rows -> {
            java.util.Set<String> ids = new java.util.HashSet<>(rows.size() * 2);
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    public Uni<ApiKeyRecord> insert(ApiKeyRecord key, Caller actor) {
        Tuple values = Tuple.tuple()
                .addString(key.id()).addString(key.organisation()).addString(key.organisationName())
                .addString(key.name()).addArrayOfString(key.scopes().stream().sorted().toArray(String[]::new))
                .addBuffer(Buffer.buffer(key.secretHash())).addOffsetDateTime(utc(key.expiresAt()))
                .addInteger(key.rateRequests()).addInteger(key.rateWindowSeconds())
                .addArrayOfString(key.allowedIps().stream().map(IpRange::toString).toArray(String[]::new))
                .addOffsetDateTime(utc(key.createdAt())).addString(key.createdBy());
        return pool.withTransaction(connection -> connection.preparedQuery("insert into api_key (id, organisation,"
                        + " organisation_name, name, scopes, secret_hash, expires_at, rate_requests, rate_window_seconds,"
                        + " allowed_ips, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                        + " returning " + COLUMNS)
                .execute(values)
                .map(rows -> read(rows.iterator().next()))
                .call(created -> audit(connection, actor, "api-key.created", null, created, null))
                .call(created -> announce(connection, created.id())));
    }

    /** Revokes an active or expired key; empty when there is no such key or it is already revoked. */
    public Uni<Optional<ApiKeyRecord>> revoke(String id, Caller actor, String reason, Instant at) {
        return pool.withTransaction(connection -> lock(connection, id).chain(before -> {
            if (before.isEmpty() || before.get().revokedAt() != null) {
                return Uni.createFrom().item(Optional.<ApiKeyRecord>empty());
            }
            return connection.preparedQuery("update api_key set revoked_at = $2, revoked_by = $3, revocation_reason = $4,"
                            + " previous_secret_hash = null, previous_valid_until = null where id = $1 returning " + COLUMNS)
                    .execute(Tuple.of(id, utc(at), actor.actor(), reason))
                    .map(rows -> read(rows.iterator().next()))
                    .call(after -> audit(connection, actor, "api-key.revoked", before.get(), after, reason))
                    .call(after -> announce(connection, id))
                    .map(Optional::of);
        }));
    }

    /**
     * Gives a key a new secret hash; the old one stays valid until {@code previousValidUntil} (null: not at
     * all). Empty when there is no such key; a revoked key is returned unchanged for the caller to refuse.
     */
    public Uni<Optional<ApiKeyRecord>> rotate(String id, byte[] newHash, Instant previousValidUntil, Caller actor,
            Instant at) {
        return pool.withTransaction(connection -> lock(connection, id).chain(before -> {
            if (before.isEmpty() || before.get().revokedAt() != null) {
                return Uni.createFrom().item(before);
            }
            return connection.preparedQuery("update api_key set previous_secret_hash = $2, previous_valid_until = $3,"
                            + " secret_hash = $4, rotated_at = $5 where id = $1 returning " + COLUMNS)
                    .execute(Tuple.tuple().addString(id)
                            .addValue(previousValidUntil == null ? null
                                    : io.vertx.core.buffer.Buffer.buffer(before.get().secretHash()))
                            .addOffsetDateTime(utc(previousValidUntil)).addBuffer(Buffer.buffer(newHash))
                            .addOffsetDateTime(utc(at)))
                    .map(rows -> read(rows.iterator().next()))
                    .call(after -> audit(connection, actor, "api-key.rotated", before.get(), after,
                            previousValidUntil == null ? "old secret ends now"
                                    : "old secret valid until " + previousValidUntil))
                    .call(after -> announce(connection, id))
                    .map(Optional::of);
        }));
    }

    /** Keys newest first after {@code after} (null: from the start); {@code status} null means every status. */
    public Uni<List<ApiKeyRecord>> list(String organisation, String status, Position after, int limit, Instant now) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from api_key where true");
        Tuple params = Tuple.tuple();
        if (organisation != null) {
            params.addString(organisation);
            sql.append(" and organisation = $").append(params.size());
        }
        if ("revoked".equals(status)) {
            sql.append(" and revoked_at is not null");
        } else if (status != null) {
            params.addOffsetDateTime(utc(now));
            sql.append(" and revoked_at is null and expires_at ").append("active".equals(status) ? ">" : "<=")
                    .append(" $").append(params.size());
        }
        if (after != null) {
            params.addOffsetDateTime(utc(after.createdAt())).addString(after.id());
            sql.append(" and (created_at, id) < ($").append(params.size() - 1).append(", $").append(params.size()).append(")");
        }
        params.addInteger(limit);
        sql.append(" order by created_at desc, id desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(params).map(rows -> {
            List<ApiKeyRecord> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(read(row)));
            return keys;
        });
    }

    /** Adds counted use to the daily totals and moves "last used" forward (never back). */
    public Uni<Void> addUsage(List<UsageDelta> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> counts = deltas.stream()
                .map(d -> Tuple.of(d.keyId(), d.day(), d.requests(), d.refused())).toList();
        List<Tuple> lasts = deltas.stream().filter(d -> d.lastUsedAt() != null)
                .map(d -> Tuple.of(d.keyId(), utc(d.lastUsedAt()), d.lastUsedIp())).toList();
        return pool.withTransaction(connection -> connection.preparedQuery("insert into api_key_usage (key_id, day,"
                        + " requests, refused) values ($1, $2, $3, $4) on conflict (key_id, day) do update set"
                        + " requests = api_key_usage.requests + excluded.requests,"
                        + " refused = api_key_usage.refused + excluded.refused")
                .executeBatch(counts)
                .chain(done -> lasts.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("update api_key set last_used_at = $2, last_used_ip = $3"
                                        + " where id = $1 and (last_used_at is null or last_used_at < $2)")
                                .executeBatch(lasts).replaceWithVoid())
                .replaceWithVoid());
    }

    public Uni<List<DayCount>> usage(String id, LocalDate from) {
        return pool.preparedQuery("select day, requests, refused from api_key_usage where key_id = $1 and day >= $2"
                        + " order by day desc")
                .execute(Tuple.of(id, from))
                .map(rows -> {
                    List<DayCount> days = new ArrayList<>();
                    rows.forEach(row -> days.add(new DayCount(row.getLocalDate("day"), row.getLong("requests"),
                            row.getLong("refused"))));
                    return days;
                });
    }

    private Uni<Optional<ApiKeyRecord>> lock(SqlConnection connection, String id) {
        return connection.preparedQuery("select " + COLUMNS + " from api_key where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    private Uni<Void> announce(SqlConnection connection, String id) {
        // delivered when the transaction commits, and only then
        return connection.preparedQuery("select pg_notify('" + CHANNEL + "', $1)").execute(Tuple.of(id)).replaceWithVoid();
    }

    private Uni<Void> audit(SqlConnection connection, Caller actor, String action, ApiKeyRecord before,
            ApiKeyRecord after, String reason) {
        return auditLog.append(new SqlConnectionSql(connection), actor,
                new AuditLog.Change(action, "api-key", after.id(), fingerprint(before), fingerprint(after), reason))
                .replaceWithVoid();
    }

    /** What the audit log fingerprints of a key: everything but its secrets' hashes. */
    private static ObjectNode fingerprint(ApiKeyRecord key) {
        if (key == null) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", key.id());
        node.put("organisation", key.organisation());
        node.put("organisationName", key.organisationName());
        node.put("name", key.name());
        key.scopes().stream().sorted().forEach(node.putArray("scopes")::add);
        node.put("expiresAt", key.expiresAt().toString());
        node.put("rateRequests", key.rateRequests());
        node.put("rateWindowSeconds", key.rateWindowSeconds());
        var allowedIps = node.putArray("allowedIps");
        key.allowedIps().forEach(range -> allowedIps.add(range.toString()));
        node.put("rotatedAt", key.rotatedAt() == null ? null : key.rotatedAt().toString());
        node.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return node;
    }

    static ApiKeyRecord read(Row row) {
        Buffer previous = row.getBuffer("previous_secret_hash");
        return new ApiKeyRecord(
                row.getString("id"),
                row.getString("organisation"),
                row.getString("organisation_name"),
                row.getString("name"),
                new LinkedHashSet<>(Arrays.asList(row.getArrayOfStrings("scopes"))),
                row.getBuffer("secret_hash").getBytes(),
                previous == null ? null : previous.getBytes(),
                instant(row.getOffsetDateTime("previous_valid_until")),
                instant(row.getOffsetDateTime("expires_at")),
                row.getInteger("rate_requests"),
                row.getInteger("rate_window_seconds"),
                Arrays.stream(row.getArrayOfStrings("allowed_ips")).map(IpRange::parse).toList(),
                instant(row.getOffsetDateTime("created_at")),
                row.getString("created_by"),
                instant(row.getOffsetDateTime("rotated_at")),
                instant(row.getOffsetDateTime("revoked_at")),
                row.getString("revoked_by"),
                row.getString("revocation_reason"),
                instant(row.getOffsetDateTime("last_used_at")),
                row.getString("last_used_ip"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
