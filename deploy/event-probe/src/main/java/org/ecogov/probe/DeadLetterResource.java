package org.ecogov.probe;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ecogov.runtime.events.DeadLetters;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;

import io.smallrye.mutiny.Uni;

/**
 * The dead-letter operations every consuming service serves under its own prefix (the shapes of
 * api-specs/common/common.yaml's DeadLetter and DeadLetterPage); here for the probe.
 */
@Path("/api/v1/event-probe/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    public Uni<DeadLetters.DeadLetterPage> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return deadLetters.list(caller, cursor, limit == null ? 20 : Math.min(Math.max(limit, 1), 200));
    }

    @GET
    @Path("/{id}")
    public Uni<DeadLetters.DeadLetter> get(@PathParam("id") long id) {
        return deadLetters.get(caller, id);
    }

    @POST
    @Path("/{id}/replay")
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("id") long id) {
        return deadLetters.replay(caller, id);
    }
}
