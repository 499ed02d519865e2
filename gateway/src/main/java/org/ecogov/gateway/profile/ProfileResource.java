package org.ecogov.gateway.profile;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.core.Response;

import org.ecogov.gateway.api.ProfilesApi;
import org.ecogov.gateway.api.model.ProfileViewDto;
import org.ecogov.gateway.config.GatewayAccess;
import org.ecogov.gateway.identity.Door;
import org.ecogov.gateway.identity.GatewayCaller;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.security.Scopes;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * The enterprise profile. Open to realm tokens and API keys alike (so not {@code @RolesAllowed}: the door
 * authenticates both kinds); a key needs {@code registry:read} for the full view or {@code disclosure:read}
 * for the disclosed one.
 */
@PermitAll
public class ProfileResource implements ProfilesApi {

    private final Door door;
    private final ProfileService profiles;
    private final CurrentVertxRequest request;

    public ProfileResource(Door door, ProfileService profiles, CurrentVertxRequest request) {
        this.door = door;
        this.profiles = profiles;
        this.request = request;
    }

    @Override
    @Access(GatewayAccess.READ_PROFILE)
    public Uni<Response> getEnterpriseProfile(String uscc) {
        // the door admitted the caller (ProxyRoute) and puts its rate-limit headers on whatever is answered
        GatewayCaller caller = Door.callerOf(request.getCurrent());
        door.requireScope(caller, Scopes.REGISTRY_READ, Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ);
        return profiles.profile(caller, uscc, view(caller)).map(profile -> Response.ok(profile).build());
    }

    private static ProfileViewDto view(GatewayCaller caller) {
        if (caller instanceof GatewayCaller.Keyed keyed) {
            return keyed.hasScope(Scopes.REGISTRY_READ) ? ProfileViewDto.FULL : ProfileViewDto.DISCLOSED;
        }
        return ProfileViewDto.FULL;
    }
}
