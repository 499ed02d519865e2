package org.ecogov.gateway.identity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.gateway.config.GatewayConfig;
import org.ecogov.gateway.keys.ApiKeyStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * API keys by id, so that a keyed request does not pay a database round trip. A key read from the database
 * is trusted for {@code ecogov.gateway.keys.cache-for}. Every change to a key, its creation included, is announced by
 * PostgreSQL NOTIFY (see {@link ApiKeyStore#CHANNEL}); each replica listens and drops the key at once, which is what
 * makes a revocation effective on the next request.
 * <p>
 * The cache also knows the id of every key there is (keys are never deleted, only revoked): it reads them all once
 * it listens, and learns each new one from its announcement. So an id that no key has, however well formed and
 * however many such ids a client makes up, is refused without a database query. A key created on another replica
 * is known here once its announcement arrives (milliseconds after its creation committed; the replica that
 * created it knows it at once).
 * <p>
 * While the listening connection is down (dropped, or not made yet at start-up) nothing is cached and reads go to
 * the database, an unknown id's included (remembered for {@code unknown-cache-for}); once it listens again the cache
 * starts afresh and the ids are read again.
 */
@ApplicationScoped
public class ApiKeyCache {

    private static final Logger LOG = Logger.getLogger(ApiKeyCache.class);

    private record Entry(Optional<ApiKeyRecord> key, long loadedAt) {
    }

    /** How long to wait before connecting to listen again. */
    private static final long RETRY_MILLIS = 1000;
    /** A bound on remembered ids, so a flood of made-up keys cannot fill the heap. */
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Every key id there is, complete while {@code listening}. */
    private final java.util.Set<String> knownIds = ConcurrentHashMap.newKeySet();
    /** Counts evictions, so a read that raced with a change does not put the old key back. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    /** Counts listening sessions (each subscription and each drop), so a late read of the ids does not trust a dropped one. */
    private final java.util.concurrent.atomic.AtomicLong sessions = new java.util.concurrent.atomic.AtomicLong();
    private final ApiKeyStore store;
    private final long cacheForNanos;
    private final long unknownForNanos;
    private final Vertx vertx;
    private final String url;
    private final String user;
    private final String password;
    private volatile PgSubscriber subscriber;
    private volatile boolean listening;
    private volatile boolean stopped;

    public ApiKeyCache(ApiKeyStore store, GatewayConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.store = store;
        this.cacheForNanos = config.keys().cacheFor().toNanos();
        this.unknownForNanos = config.keys().unknownCacheFor().toNanos();
        this.vertx = vertx;
        this.url = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        this.user = user;
        this.password = password;
    }

    void listen(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> {
                    // asked each time the listening connection drops or a reconnection fails: announcements
                    // made meanwhile are lost, so nothing cached may be trusted until it listens again
                    stopListening();
                    return RETRY_MILLIS;
                });
        subscriber.channel(ApiKeyStore.CHANNEL)
                .subscribeHandler(subscribed -> {
                    // anything announced while we were not listening is lost: start afresh
                    changes.incrementAndGet();
                    entries.clear();
                    readKnownIds(sessions.incrementAndGet());
                })
                .handler(this::evict);
        subscriber.closeHandler(closed -> stopListening());
        connect(true);
    }

    /**
     * Reads every key id, now that announcements are heard (a key created meanwhile is in the result or announced,
     * or both); the cache is trusted from then on, unless the connection dropped again meanwhile.
     */
    private void readKnownIds(long session) {
        store.ids().subscribe().with(ids -> {
            knownIds.addAll(ids);
            if (sessions.get() == session && !stopped) {
                listening = true;
                LOG.debugf("listening for API key changes; %d key ids known", knownIds.size());
            }
        }, failure -> {
            LOG.warnf("cannot read the API key ids (%s); keys are read from the database on every use until they are",
                    failure.getMessage());
            if (!stopped) {
                vertx.setTimer(RETRY_MILLIS, id -> {
                    if (sessions.get() == session) {
                        readKnownIds(session);
                    }
                });
            }
        });
    }

    /** The first connection; tried again until it succeeds (reconnections after a drop are the subscriber's). */
    private void connect(boolean first) {
        subscriber.connect().onFailure(e -> {
            if (stopped) {
                return;
            }
            if (first) {
                LOG.warnf("not listening for API key changes (%s); keys are read from the database on every use"
                        + " until the connection is made (trying every %d ms)", e.getMessage(), RETRY_MILLIS);
            }
            vertx.setTimer(RETRY_MILLIS, id -> {
                if (!stopped) {
                    connect(false);
                }
            });
        });
    }

    private void stopListening() {
        listening = false;
        sessions.incrementAndGet();
        changes.incrementAndGet();
        entries.clear();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * The key with this id, if there is one: already complete when it is cached, else read from the database
     * and answered on the caller's Vert.x context.
     */
    public Future<Optional<ApiKeyRecord>> get(String id) {
        if (listening && !knownIds.contains(id)) {
            return Future.succeededFuture(Optional.empty());
        }
        Entry entry = entries.get(id);
        long now = System.nanoTime();
        if (listening && entry != null
                && now - entry.loadedAt() < (entry.key().isPresent() ? cacheForNanos : unknownForNanos)) {
            return Future.succeededFuture(entry.key());
        }
        long changesBefore = changes.get();
        Uni<Optional<ApiKeyRecord>> reading = store.find(id).invoke(key -> {
            if (listening && changes.get() == changesBefore) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(id, new Entry(key, now));
            }
        });
        return Door.onThisContext(reading);
    }

    /** Whether the cache is trusted: it listens for changes and knows every key id. */
    public boolean listening() {
        return listening;
    }

    /** Drops a key, and knows its id from now on; called for every change announced, including this replica's own. */
    public void evict(String id) {
        knownIds.add(id);
        changes.incrementAndGet();
        entries.remove(id);
    }
}
