package org.ecogov.registry.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The response shapes the registry's resources share: versioned bodies carry their ETag. */
final class Responses {

    private Responses() {
    }

    static Response ok(Object body) {
        return Response.ok(body).build();
    }

    static Response ok(Object body, long version) {
        return Response.ok(body).tag(new EntityTag(Long.toString(version))).build();
    }

    static Response created(String location, Object body, long version) {
        return Response.created(URI.create(location)).entity(body).tag(new EntityTag(Long.toString(version))).build();
    }

    static Response created(String location, Object body) {
        return Response.created(URI.create(location)).entity(body).build();
    }
}
