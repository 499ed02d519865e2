package org.ecogov.emissions.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.DeadLettersApi;
import org.ecogov.emissions.api.model.DeadLetterDto;
import org.ecogov.emissions.api.model.DeadLetterPageDto;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.events.DeadLetters;
import org.ecogov.runtime.security.Caller;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The dead-letter operations of api-specs/common/dead-letters.yaml, mounted by emissions.yaml under the service's
 * prefix: the registry events {@code LimitsRefresh} gave up on. The interface is generated, the work is the runtime's
 * {@link DeadLetters}; a replayed letter goes through the consumer again.
 */
@Authenticated
public class DeadLetterResource implements DeadLettersApi {

    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @Override
    @Access(DeadLetters.ACCESS)
    public Uni<Response> listDeadLetters(String cursor, Integer limit) {
        return deadLetters.list(caller, cursor, limit)
                .map(page -> Response.ok(new DeadLetterPageDto()
                        .items(page.items().stream().map(DeadLetterResource::dto).toList())
                        .next(page.next())).build());
    }

    @Override
    @Access(DeadLetters.ACCESS)
    public Uni<Response> getDeadLetter(String id) {
        return deadLetters.get(caller, UUID.fromString(id)).map(letter -> Response.ok(dto(letter)).build());
    }

    @Override
    @Access(DeadLetters.ACCESS)
    public Uni<Response> replayDeadLetter(String id) {
        return deadLetters.replay(caller, UUID.fromString(id)).map(letter -> Response.ok(dto(letter)).build());
    }

    private static DeadLetterDto dto(DeadLetters.DeadLetter letter) {
        return new DeadLetterDto()
                .id(letter.id().toString())
                .consumer(letter.consumer())
                .eventId(letter.eventId())
                .type(letter.type())
                .subject(letter.subject())
                .envelope(letter.envelope())
                .attempts(letter.attempts())
                .lastError(letter.lastError())
                .parkedAt(letter.parkedAt())
                .replayedAt(letter.replayedAt());
    }
}
