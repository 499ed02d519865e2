package org.ecogov.gateway.identity;

/** The scopes the gateway's own code refers to; the whole list is the ApiKeyScope enum of the contract. */
public final class ApiKeyScopes {

    public static final String REGISTRY_READ = "registry:read";
    public static final String DISCLOSURE_READ = "disclosure:read";

    private ApiKeyScopes() {
    }
}
