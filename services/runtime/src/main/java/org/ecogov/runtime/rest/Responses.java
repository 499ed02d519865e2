package org.ecogov.runtime.rest;

import java.net.URI;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/**
 * The answers a resource gives: a body, with its {@code ETag} (the version, {@code "7"}) when the resource is
 * versioned, and for a create a {@code Location}. Updates check the tag with
 * {@link org.ecogov.runtime.concurrency.EntityTags}.
 */
public final class Responses {

    private Responses() {
    }

    public static Response ok(Object body) {
        return Response.ok(body).build();
    }

    public static Response ok(Object body, long version) {
        return Response.ok(body).tag(tag(version)).build();
    }

    public static Response created(String location, Object body, long version) {
        return Response.created(URI.create(location)).entity(body).tag(tag(version)).build();
    }

    public static Response created(String location, Object body) {
        return Response.created(URI.create(location)).entity(body).build();
    }

    private static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
