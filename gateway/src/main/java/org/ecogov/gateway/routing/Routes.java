package org.ecogov.gateway.routing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.config.GatewayConfig;

import io.vertx.core.Vertx;

/** The routing table and the services behind it, built once from configuration. */
@ApplicationScoped
public class Routes {

    private final RouteTable table;
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();

    public Routes(GatewayConfig config, Vertx vertx) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        config.services().forEach((name, service) -> {
            paths.put(name, service.paths());
            upstreams.put(name, new Upstream(name, service, vertx));
        });
        this.table = RouteTable.of(paths, config.ownPaths());
    }

    public RouteTable table() {
        return table;
    }

    /** The named service; every owner in the table other than the gateway has one. */
    public Upstream upstream(String name) {
        Upstream upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no service named " + name);
        }
        return upstream;
    }

    /** The service that owns this path (not the gateway's own paths). */
    public Upstream ownerOf(String path) {
        return upstream(table.match(path).orElseThrow(() -> new IllegalArgumentException("no service owns " + path))
                .owner());
    }

    public Collection<Upstream> upstreams() {
        return upstreams.values();
    }
}
