package org.ecogov.gateway;

import org.ecogov.runtime.problem.ProblemKind;

/**
 * The problem types the gateway answers itself besides the runtime's generic ones: those of API key management,
 * and the registry's enterprise-not-found, which the enterprise profile answers when the registry does not show
 * the enterprise. Exactly api-specs/gateway.yaml's {@code info.x-ecogov-problem-types} (GatewayProblemTypesTest);
 * a type the gateway shares with a service keeps that service's status and title.
 */
public enum GatewayProblem implements ProblemKind {

    API_KEY_NOT_FOUND("api-key-not-found", 404, "No such API key"),
    API_KEY_REVOKED("api-key-revoked", 409, "The API key has been revoked"),
    /** The registry's type, answered by the enterprise profile. */
    ENTERPRISE_NOT_FOUND("enterprise-not-found", 404, "No such enterprise");

    private final String slug;
    private final int status;
    private final String title;

    GatewayProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
