package org.ecogov.emissions.service;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.clients.registry.generated.model.Enterprise;
import org.ecogov.clients.registry.generated.model.EnterprisePage;
import org.ecogov.emissions.domain.RegistryRecords.EnterpriseRecord;
import org.ecogov.emissions.domain.RegistryRecords.OutletRecord;
import org.ecogov.emissions.domain.RegistryRecords.PermitRecord;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.ServiceIdentity;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Loads the copy of the registry (enterprises, outlets with their limits, permits) through the generated
 * {@link RegistryClient} with the service's own identity ({@link ServiceIdentity}: the realm client
 * {@code emissions-service}, role registry-reader), enterprise by enterprise, each in a transaction of its own. At
 * start, and again every minute until one load has gone through (the registry may start later); then the registry's
 * events keep the copy current ({@code LimitsRefresh}). A platform-admin can ask for a reload. A service without an
 * identity of its own (no {@code ecogov.service.client-id}) keeps the copy from events alone.
 */
@ApplicationScoped
public class LimitsLoader {

    private static final Logger LOG = Logger.getLogger(LimitsLoader.class);
    private static final int PAGE = 100;

    /** What a load read and changed. */
    public record Load(int enterprises, int outlets, int permits, int changedOutlets) {

        Load plus(Load other) {
            return new Load(enterprises + other.enterprises, outlets + other.outlets, permits + other.permits,
                    changedOutlets + other.changedOutlets);
        }
    }

    private final RegistryClient registry;
    private final ServiceIdentity identity;
    private final boolean hasIdentity;
    private final LimitCopy copy;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final AtomicBoolean loaded;

    public LimitsLoader(RegistryClient registry, ServiceIdentity identity,
            @ConfigProperty(name = ServiceIdentity.CLIENT_ID_PROPERTY) Optional<String> clientId, LimitCopy copy,
            AuditLog audit, Clock clock, ObjectMapper json) {
        this.registry = registry;
        this.identity = identity;
        this.hasIdentity = clientId.filter(id -> !id.isBlank()).isPresent();
        this.copy = copy;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.loaded = new AtomicBoolean(!hasIdentity);
    }

    void atStart(@Observes StartupEvent start) {
        if (!hasIdentity) {
            LOG.warnf("no identity of its own (%s unset): the limits are kept from the registry's events alone",
                    ServiceIdentity.CLIENT_ID_PROPERTY);
        }
    }

    @Scheduled(every = "${emissions.limits.load-retry:60s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> untilLoaded() {
        if (loaded.get()) {
            return Uni.createFrom().voidItem();
        }
        return load()
                .invoke(load -> {
                    loaded.set(true);
                    LOG.infof("limits loaded from the registry: %d enterprises, %d outlets (%d changed), %d permits",
                            load.enterprises(), load.outlets(), load.changedOutlets(), load.permits());
                })
                .onFailure().invoke(failure -> LOG.warnf("loading the limits from the registry failed, trying again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** A platform-admin's reload: the same load, audited, its failure answered as a problem. */
    public Uni<Load> reload(Caller caller) {
        if (!hasIdentity) {
            return Uni.createFrom().failure(ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The service has no identity of its own to read the registry with: it was started without "
                            + ServiceIdentity.CLIENT_ID_PROPERTY + "."));
        }
        return load()
                .onFailure(ServiceCallException.class).transform(failure -> problem((ServiceCallException) failure))
                .call(load -> Panache.withTransaction(() -> audit.append(caller,
                        new AuditLog.Change("reload-limits", "limits", "registry", null, load, null))))
                .invoke(() -> loaded.set(true));
    }

    private Uni<Load> load() {
        return page(null, new Load(0, 0, 0, 0));
    }

    private Uni<Load> page(String cursor, Load sofar) {
        return registry.enterprises(identity, null, cursor, PAGE)
                .chain(page -> Multi.createFrom().iterable(page.getItems())
                        .onItem().transformToUniAndConcatenate(this::enterprise)
                        .collect().with(Collectors.reducing(new Load(0, 0, 0, 0), Load::plus))
                        .map(sofar::plus)
                        .chain(total -> next(page) == null ? Uni.createFrom().item(total) : page(next(page), total)));
    }

    private static String next(EnterprisePage page) {
        return page.getNext();
    }

    /** One enterprise with its outlets and permits, read and then applied in one transaction. */
    private Uni<Load> enterprise(Enterprise enterprise) {
        String uscc = enterprise.getUscc();
        return registry.outlets(identity, uscc).chain(outlets -> registry.permits(identity, uscc)
                .chain(permits -> Panache.withTransaction(() -> {
                    var at = clock.now();
                    return copy.applyEnterprise(EnterpriseRecord.of(json.valueToTree(enterprise)), at)
                            .chain(() -> Multi.createFrom().iterable(outlets)
                                    .onItem().transformToUniAndConcatenate(outlet -> copy.applyOutlet(
                                            OutletRecord.of(uscc, json.valueToTree(outlet)), at))
                                    .collect().asList())
                            .call(() -> Multi.createFrom().iterable(permits)
                                    .onItem().transformToUniAndConcatenate(permit -> copy.applyPermit(
                                            PermitRecord.of(uscc, json.valueToTree(permit)), at))
                                    .collect().asList())
                            .map(changed -> new Load(1, outlets.size(), permits.size(),
                                    (int) changed.stream().filter(Boolean::booleanValue).count()));
                })));
    }

    private static ProblemException problem(ServiceCallException failure) {
        return switch (failure.kind()) {
            case REFUSED, NOT_FOUND, BAD_ANSWER, REJECTED -> ProblemException.of(ProblemType.BAD_GATEWAY,
                    "The registry refused or answered what cannot be used (" + failure.status() + "): "
                            + failure.getMessage());
            case TIMED_OUT -> ProblemException.of(ProblemType.SERVICE_TIMEOUT, "The registry did not answer in time.");
            case UNREACHABLE, FAILING, CIRCUIT_OPEN -> ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The registry is unavailable: " + failure.getMessage());
        };
    }
}
