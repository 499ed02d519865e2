package org.ecogov.clients.audit;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.ecogov.clients.GuardedCalls;
import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.audit.generated.api.AuditApi;
import org.ecogov.clients.audit.generated.model.AuditCheckpoint;
import org.ecogov.runtime.audit.AuditWitness;
import org.ecogov.runtime.audit.ChainWitness;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.security.Credential;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The witness of this party's audit chain as the party's verification asks it (services/runtime's
 * {@link ChainWitness}): the REST client generated from api-specs/common/audit.yaml, pointed at the witness's prefix
 * ({@code quarkus.rest-client.audit-witness.url}), behind one SmallRye Fault Tolerance guard ({@link GuardedCalls}).
 * The witness holding no checkpoint of the chain (404) is an empty head, not a failure.
 */
@ApplicationScoped
public class AuditWitnessClient implements ChainWitness {

    public static final String SERVICE = "audit-witness";

    private final Instance<AuditApi> witness;
    private final boolean configured;
    private final GuardedCalls calls;

    public AuditWitnessClient(@RestClient Instance<AuditApi> witness,
            @ConfigProperty(name = "quarkus.rest-client.audit-witness.url") Optional<String> url,
            AuditWitnessClientConfig config, ObjectMapper json) {
        this.witness = witness;
        this.configured = url.filter(value -> !value.isBlank()).isPresent();
        this.calls = new GuardedCalls(SERVICE, config, json);
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public Uni<Optional<AuditWitness.WitnessedCheckpoint>> head(Credential credential, String chain) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                        .chain(authorization -> witness.get().getAuditCheckpointHead(authorization, requestId, chain)))
                .map(head -> Optional.of(witnessed(head)))
                .onFailure(failure -> failure instanceof ServiceCallException call
                        && call.kind() == ServiceCallException.Kind.NOT_FOUND)
                .recoverWithItem(Optional.empty());
    }

    @Override
    public Uni<Page<AuditWitness.WitnessedCheckpoint>> checkpoints(Credential credential, String chain, String cursor,
            int limit) {
        String requestId = GuardedCalls.requestId();
        return calls.read(() -> credential.authorization()
                        .chain(authorization -> witness.get().listAuditCheckpoints(authorization, requestId, chain, cursor,
                                limit)))
                .map(page -> new Page<>(page.getItems().stream().map(AuditWitnessClient::witnessed).toList(),
                        page.getNext(), page.getLimit()));
    }

    private static AuditWitness.WitnessedCheckpoint witnessed(AuditCheckpoint checkpoint) {
        return new AuditWitness.WitnessedCheckpoint(checkpoint.getChain(), checkpoint.getSequence(),
                checkpoint.getHash(), checkpoint.getSignature(), checkpoint.getReceivedAt());
    }
}
