package org.ecogov.runtime.idempotency;

import java.time.Duration;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.fixture.FixtureAccess;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Creates tickets as a service's create does, through {@link Idempotency}: "slow" takes a second after its insert
 * (so a retry arrives while it is in flight), "refused" fails with a problem after its insert.
 */
@Path("/fixture/queues/{queue}/tickets")
@PermitAll
public class TicketsResource {

    private final CallerProducer callers;
    private final Idempotency idempotency;
    private final Tickets tickets;

    public TicketsResource(CallerProducer callers, Idempotency idempotency, Tickets tickets) {
        this.callers = callers;
        this.idempotency = idempotency;
        this.tickets = tickets;
    }

    @POST
    @Access(FixtureAccess.FIXTURE)
    public Uni<Response> create(@PathParam("queue") String queue, @HeaderParam(Idempotency.HEADER) String key,
            Map<String, Object> body) {
        return callers.resolve().chain(caller -> idempotency.once(caller, key, "createTicket",
                Map.of("queue", queue, "body", body),
                () -> tickets.create(queue, String.valueOf(body.get("text")))
                        .map(ticket -> Responses.created("/fixture/queues/" + queue + "/tickets/" + ticket.id,
                                Map.of("id", ticket.id, "text", ticket.text), 1))));
    }

    /** The service layer: a transactional create, joined to the transaction {@link Idempotency} opened. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Tickets {

        @WithTransaction
        public Uni<FixtureTicket> create(String queue, String text) {
            FixtureTicket ticket = new FixtureTicket();
            ticket.queue = queue;
            ticket.text = text;
            return ticket.<FixtureTicket>persist()
                    .call(saved -> "slow".equals(text)
                            ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(1))
                            : Uni.createFrom().voidItem())
                    .invoke(saved -> {
                        if ("refused".equals(text)) {
                            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "text", "is refused");
                        }
                    });
        }
    }
}
