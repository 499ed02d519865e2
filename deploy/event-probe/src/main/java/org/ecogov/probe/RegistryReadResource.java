package org.ecogov.probe;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.probe.api.RegistryReadsApi;
import org.ecogov.probe.api.model.RegistryReadDto;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.ServiceIdentity;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The registry as the probe sees it with its own identity: what a service calling for itself (a background refresh,
 * a scheduler) is given, through the runtime's {@link ServiceIdentity} and the generated {@link RegistryClient},
 * exactly as the services do it. The caller's token only admits the request; it never reaches the registry.
 */
@Authenticated
public class RegistryReadResource implements RegistryReadsApi {

    private final RegistryClient registry;
    private final ServiceIdentity identity;
    private final Optional<String> clientId;

    public RegistryReadResource(RegistryClient registry, ServiceIdentity identity,
            @ConfigProperty(name = ServiceIdentity.CLIENT_ID_PROPERTY) Optional<String> clientId) {
        this.registry = registry;
        this.identity = identity;
        this.clientId = clientId.filter(id -> !id.isBlank());
    }

    @Override
    @Access(ProbeAccess.REGISTRY_READS)
    public Uni<Response> readEnterpriseForItself(String uscc) {
        if (clientId.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The probe has no identity of its own: it was started without "
                            + ServiceIdentity.CLIENT_ID_PROPERTY + "."));
        }
        return registry.enterprise(identity, uscc)
                .map(enterprise -> Response.ok(new RegistryReadDto()
                        .uscc(enterprise.getUscc())
                        .name(enterprise.getDetails().getName())
                        .divisionCode(enterprise.getDetails().getDivisionCode())
                        .readAs(clientId.get())).build())
                .onFailure(ServiceCallException.class).transform(failure -> problem((ServiceCallException) failure, uscc));
    }

    private ProblemException problem(ServiceCallException failure, String uscc) {
        return switch (failure.kind()) {
            case NOT_FOUND -> ProblemException.of(ProblemType.NOT_FOUND,
                    "The registry has no enterprise " + uscc + " that " + clientId.get() + " may see.");
            case REFUSED -> ProblemException.of(ProblemType.BAD_GATEWAY, "The registry refused " + clientId.get()
                    + " (" + failure.status() + ")" + failure.detail().map(detail -> ": " + detail).orElse("."));
            case TIMED_OUT -> ProblemException.of(ProblemType.SERVICE_TIMEOUT, "The registry did not answer in time.");
            case BAD_ANSWER, REJECTED -> ProblemException.of(ProblemType.BAD_GATEWAY,
                    "The registry's answer could not be used: " + failure.getMessage());
            case UNREACHABLE, FAILING, CIRCUIT_OPEN -> ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The registry is unavailable: " + failure.getMessage());
        };
    }
}
