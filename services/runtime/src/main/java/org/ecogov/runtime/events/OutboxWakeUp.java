package org.ecogov.runtime.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Wakes the relay as soon as a transaction that appended events commits ({@code LISTEN event_outbox}; the
 * {@link Outbox} notifies in the appending transaction, and PostgreSQL delivers it at commit). Without it events
 * would wait up to a relay interval. If the listening connection drops it reconnects every second, and meanwhile
 * the relay's timer still picks everything up.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class OutboxWakeUp {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final OutboxRelay relay;
    private final Vertx vertx;
    private final String url;
    private final String username;
    private final String password;
    private PgSubscriber subscriber;

    public OutboxWakeUp(OutboxRelay relay, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        this.vertx = vertx;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void listen(@Observes StartupEvent startup) {
        // the same database as the pool, spelt as Quarkus accepts it (vertx-reactive:postgresql://host:port/db)
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username)
                .setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(Outbox.CHANNEL).handler(payload -> relay.wake());
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("listening for outbox commits"),
                failure -> LOG.warnf("not listening for outbox commits (the relay polls): %s", failure.toString()));
    }

    void close(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }
}
