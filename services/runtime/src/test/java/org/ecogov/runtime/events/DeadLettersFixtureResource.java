package org.ecogov.runtime.events;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;

import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.fixture.FixtureAccess;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;

/** What a consuming service's dead-letter resource does: translate HTTP to {@link DeadLetters}. */
@Path("/fixture/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class DeadLettersFixtureResource {

    private final DeadLetters deadLetters;
    private final Caller caller;
    private final FixtureConsumer consumer;

    public DeadLettersFixtureResource(DeadLetters deadLetters, Caller caller, FixtureConsumer consumer) {
        this.deadLetters = deadLetters;
        this.caller = caller;
        this.consumer = consumer;
    }

    @GET
    @Access(DeadLetters.ACCESS)
    public Uni<DeadLetters.DeadLetterPage> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return deadLetters.list(caller, cursor, limit == null ? 20 : limit);
    }

    @POST
    @Path("/{id}/replay")
    @Access(DeadLetters.ACCESS)
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("id") UUID id) {
        return deadLetters.replay(caller, id);
    }

    @POST
    @Path("/raw")
    @Access(FixtureAccess.FIXTURE)
    public Uni<Void> raw(String payload) {
        return consumer.sendRaw(payload);
    }
}
