package org.ecogov.gateway.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.gateway.routing.Routes;
import org.ecogov.gateway.routing.Upstream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One health check per service behind the gateway: can its liveness endpoint be reached, and what state
 * is its circuit in. They are wellness checks, so {@code /q/health} shows every service's reachability
 * (and is DOWN when one is unreachable) while {@code /q/health/ready} stays about the gateway itself: a
 * dead registry should not take the door out of the load balancer, the door still answers 503 for it.
 */
@ApplicationScoped
public class ServiceReachability {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Routes routes;
    private final HealthRegistry registry;

    public ServiceReachability(Routes routes, @Wellness HealthRegistry registry) {
        this.routes = routes;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        routes.upstreams().forEach(upstream -> registry.register("service-" + upstream.name(), check(upstream)));
    }

    private AsyncHealthCheck check(Upstream upstream) {
        return () -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(upstream.host())
                    .setPort(upstream.port()).setSsl(upstream.ssl()).setURI("/q/health/live")
                    .setIdleTimeout(PROBE_TIMEOUT.toMillis());
            HealthCheckResponseBuilder response = HealthCheckResponse.named("service " + upstream.name())
                    .withData("circuit", upstream.circuit().state());
            return Uni.createFrom().completionStage(() -> upstream.client().request(options)
                            .compose(request -> request.send())
                            .compose(answer -> answer.body().map(body -> answer.statusCode()))
                            .toCompletionStage())
                    .map(status -> response.withData("status", status).status(status == 200).build())
                    .onFailure().recoverWithItem(e -> response.withData("error", String.valueOf(e.getMessage())).down().build());
        };
    }
}
