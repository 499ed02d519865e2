package org.ecogov.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service owns a path, built from configuration: every service's path patterns plus the gateway's own,
 * the most specific pattern first. The build derives both from the service list and the specs (api-specs'
 * GatewayRoutes). Two services claiming the same pattern is a configuration error found at
 * start-up, not a coin toss per request.
 */
public final class RouteTable {

    /** The owner named for paths the gateway answers itself. */
    public static final String GATEWAY = "gateway";

    public record Route(PathPattern pattern, String owner) {

        public boolean isGateway() {
            return GATEWAY.equals(owner);
        }
    }

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * @param servicePaths each service's path patterns, by service name
     * @param ownPaths the patterns the gateway answers itself
     */
    public static RouteTable of(Map<String, List<String>> servicePaths, List<String> ownPaths) {
        List<Route> routes = new ArrayList<>();
        ownPaths.forEach(p -> routes.add(new Route(PathPattern.parse(p), GATEWAY)));
        servicePaths.forEach((service, paths) -> {
            if (GATEWAY.equals(service)) {
                throw new IllegalArgumentException("'" + GATEWAY + "' is reserved for the gateway's own paths");
            }
            paths.forEach(p -> routes.add(new Route(PathPattern.parse(p), service)));
        });
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (routes.get(i).pattern().shape().equals(routes.get(j).pattern().shape())) {
                    throw new IllegalArgumentException("path " + routes.get(i).pattern() + " is claimed by both "
                            + routes.get(i).owner() + " and " + routes.get(j).owner());
                }
            }
        }
        routes.sort(Comparator.comparing(Route::pattern, PathPattern.MOST_SPECIFIC_FIRST));
        return new RouteTable(List.copyOf(routes));
    }

    public Optional<Route> match(String path) {
        // cut once, not once per pattern: this runs on every request
        String[] segments = PathPattern.segmentsOf(path);
        for (Route route : routes) {
            if (route.pattern().matches(segments)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
