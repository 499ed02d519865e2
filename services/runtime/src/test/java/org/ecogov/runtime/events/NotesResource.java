package org.ecogov.runtime.events;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.fixture.FixtureAccess;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Writes a note and its event in one transaction, as a service's write does; "rollback" fails after both. */
@Path("/fixture/notes")
@PermitAll
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class NotesResource {

    static final String TYPE = "org.ecogov.fixture.note.written.v1";

    private final Outbox outbox;

    public NotesResource(Outbox outbox) {
        this.outbox = outbox;
    }

    @Access(FixtureAccess.FIXTURE)
    @POST
    @Path("/{id}")
    @WithTransaction
    public Uni<String> write(@PathParam("id") long id, @QueryParam("text") String text) {
        FixtureNote note = new FixtureNote();
        note.id = id;
        note.text = text;
        return note.persist()
                .chain(() -> outbox.append(new DomainEvent(TYPE, "notes/" + id, Map.of("id", id, "text", text))))
                .invoke(() -> {
                    if ("rollback".equals(text)) {
                        throw new IllegalStateException("rolled back on purpose, after the append");
                    }
                })
                .map(eventId -> eventId.toString());
    }
}
