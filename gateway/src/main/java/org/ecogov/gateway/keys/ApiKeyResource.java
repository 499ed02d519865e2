package org.ecogov.gateway.keys;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import org.ecogov.gateway.api.ApiKeysApi;
import org.ecogov.gateway.config.GatewayAccess;
import org.ecogov.gateway.api.model.ApiKeyCreateDto;
import org.ecogov.gateway.api.model.ApiKeyRevocationDto;
import org.ecogov.gateway.api.model.ApiKeyRotationDto;
import org.ecogov.gateway.api.model.ApiKeyStatusDto;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.access.Access;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** API key management: platform-admin with a realm token only (a key cannot manage keys; GatewayAccess). */
@Authenticated
public class ApiKeyResource implements ApiKeysApi {

    private final ApiKeyService keys;
    private final CallerProducer callers;

    public ApiKeyResource(ApiKeyService keys, CallerProducer callers) {
        this.keys = keys;
        this.callers = callers;
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> createApiKey(ApiKeyCreateDto body) {
        return callers.resolve().chain(caller -> keys.create(caller, body))
                .map(issued -> Response.created(URI.create("/api/v1/api-keys/" + issued.getApiKey().getId()))
                        .entity(issued).header("Cache-Control", "no-store").build());
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> getApiKey(String keyId) {
        return keys.get(keyId).map(key -> Response.ok(key).build());
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> getApiKeyUsage(String keyId, Integer days) {
        return keys.usage(keyId, days == null ? 30 : days).map(usage -> Response.ok(usage).build());
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> listApiKeys(String organisation, ApiKeyStatusDto status, String cursor, Integer limit) {
        return keys.list(organisation, status, cursor, limit == null ? 20 : limit).map(page -> Response.ok(page).build());
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> revokeApiKey(String keyId, ApiKeyRevocationDto body) {
        return callers.resolve().chain(caller -> keys.revoke(caller, keyId, body.getReason()))
                .map(key -> Response.ok(key).build());
    }

    @Override
    @Access(GatewayAccess.MANAGE_KEYS)
    public Uni<Response> rotateApiKey(String keyId, ApiKeyRotationDto body) {
        return callers.resolve().chain(caller -> keys.rotate(caller, keyId, body.getGracePeriodSeconds()))
                .map(issued -> Response.ok(issued).header("Cache-Control", "no-store").build());
    }
}
