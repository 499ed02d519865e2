package org.ecogov.local;

import java.time.Instant;
import java.util.List;

/**
 * The demo organisation's API key (local only): issued through the gateway's API as platform-admin at
 * every start, so the banner can print a key that works. A secret cannot be read back once issued, so
 * the demo key of an earlier start is revoked and a fresh one issued; other keys of the organisation,
 * made by hand, are left alone. What the key is (organisation, scopes, lifetime, rate limit) comes from
 * {@code ecogov.demo.api-key.*} in the configuration.
 */
public final class DemoApiKey {

    static final String SUPERSEDED = "superseded: the local run issues a fresh demo key at every start";

    private final LocalConfig config;

    public DemoApiKey(LocalConfig config) {
        this.config = config;
    }

    /** What was issued, and how many demo keys of earlier starts were revoked for it. */
    public record Result(GatewayApiKeys.Request request, GatewayApiKeys.Issued issued, int revoked) {
    }

    /** The key as configured, expiring {@code ecogov.demo.api-key.valid-for} from now. */
    public GatewayApiKeys.Request request() {
        return new GatewayApiKeys.Request(
                config.get("ecogov.demo.api-key.organisation"),
                config.get("ecogov.demo.api-key.organisation-name"),
                config.get("ecogov.demo.api-key.name"),
                config.list("ecogov.demo.api-key.scopes"),
                Instant.now().plus(config.duration("ecogov.demo.api-key.valid-for")),
                Integer.parseInt(config.get("ecogov.demo.api-key.rate-limit.requests")),
                Integer.parseInt(config.get("ecogov.demo.api-key.rate-limit.window-seconds")));
    }

    /** Revokes the demo keys still active from earlier starts, then issues a fresh one. */
    public Result issue(GatewayApiKeys keys) {
        GatewayApiKeys.Request request = request();
        List<String> earlier = keys.list(request.organisation(), "active").stream()
                .filter(key -> request.name().equals(key.path("name").asText()))
                .map(key -> key.path("id").asText())
                .toList();
        earlier.forEach(id -> keys.revoke(id, SUPERSEDED));
        return new Result(request, keys.create(request), earlier.size());
    }
}
