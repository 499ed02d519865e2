package org.ecogov.enforcement.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.clients.registry.generated.model.Enterprise;
import org.ecogov.clients.registry.generated.model.EnterprisePage;
import org.ecogov.runtime.security.ServiceIdentity;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

/**
 * Keeps the service's copy of the registry's enterprises ({@code enterprise_copy}): every
 * {@code enforcement.enterprise-refresh.every} (and once soon after start) it walks the registry's enterprise list,
 * a page of 100 at a time, with the service's own identity (realm client {@code enforcement-service}, role
 * {@code registry-reader}, which the registry lets read everywhere), and writes each page in one transaction. An
 * enterprise the registry no longer lists stays in the copy (the registry closes enterprises, it does not delete
 * them). A refresh that fails (the registry away) is logged and retried at the next turn; inspections already
 * assigned keep the name and division they were assigned with.
 */
@ApplicationScoped
public class EnterpriseCopyRefresh {

    private static final Logger LOG = Logger.getLogger(EnterpriseCopyRefresh.class);
    private static final int PAGE = 100;

    private static final String UPSERT = """
            insert into enterprise_copy (uscc, name, division_code, latitude, longitude, key_monitored, status, refreshed_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            on conflict (uscc) do update set name = excluded.name, division_code = excluded.division_code,
                latitude = excluded.latitude, longitude = excluded.longitude, key_monitored = excluded.key_monitored,
                status = excluded.status, refreshed_at = excluded.refreshed_at
            """;

    private final RegistryClient registry;
    private final ServiceIdentity identity;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public EnterpriseCopyRefresh(RegistryClient registry, ServiceIdentity identity, Clock clock) {
        this.registry = registry;
        this.identity = identity;
        this.clock = clock;
    }

    @Scheduled(every = "${enforcement.enterprise-refresh.every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().onFailure().invoke(e -> LOG.warnf("the copy of the registry's enterprises was not refreshed: %s",
                e.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Walks the registry's enterprises once; the number copied. */
    public Uni<Integer> refresh() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        Instant at = clock.now();
        int[] copied = {0};
        return Multi.createBy().repeating()
                .uni(() -> new String[] {null, ""}, state -> state[1] == null ? Uni.createFrom().nullItem()
                        : registry.enterprises(identity, null, state[0], PAGE)
                                .call(page -> copy(page.getItems(), at).invoke(n -> copied[0] += n))
                                .invoke(page -> {
                                    state[0] = page.getNext();
                                    state[1] = page.getNext();
                                }))
                .whilst(page -> page != null && page.getNext() != null)
                .collect().last()
                .map(last -> copied[0])
                .invoke(n -> LOG.debugf("copied %d enterprises from the registry", n))
                .eventually(() -> running.set(false));
    }

    /** Writes these enterprises of the registry into the copy, in one transaction of its own. */
    Uni<Integer> copy(List<Enterprise> enterprises, Instant at) {
        if (enterprises == null || enterprises.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Enterprise e : enterprises) {
                var d = e.getDetails();
                Double latitude = d.getLocation() == null ? null : d.getLocation().getLatitude();
                Double longitude = d.getLocation() == null ? null : d.getLocation().getLongitude();
                chain = chain.chain(() -> session.createNativeQuery(UPSERT)
                        .setParameter(1, e.getUscc()).setParameter(2, d.getName()).setParameter(3, d.getDivisionCode())
                        .setParameter(4, latitude).setParameter(5, longitude)
                        .setParameter(6, Boolean.TRUE.equals(d.getKeyMonitored()))
                        .setParameter(7, String.valueOf(e.getStatus())).setParameter(8, at)
                        .executeUpdate().replaceWithVoid());
            }
            return chain.replaceWith(enterprises.size());
        }));
    }
}
