package org.ecogov.complaints.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import org.ecogov.complaints.api.model.Open311ErrorsInnerDto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Errors under {@code /open311/} in GeoReport v2's own shape, so that Open311 clients understand them: the
 * platform's problem+json (whichever mapper wrote it: validation, access, the service's own problems) becomes an
 * array of {@code {code, description}}, one entry per field named ({@code "address_id: is required"}), else one
 * with the problem's detail. The contract declares it (Open311Errors). Answers written below JAX-RS (a malformed
 * request line, a body over the size limit) stay problem+json, as the gateway's own refusals do.
 */
public class Open311Errors {

    private static final Logger LOG = Logger.getLogger(Open311Errors.class);
    private static final String PROBLEM = "application/problem+json";

    private final ObjectMapper mapper;

    public Open311Errors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerResponseFilter
    public void toGeoReport(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/open311/") || response.getMediaType() == null
                || !PROBLEM.equals(response.getMediaType().getType() + "/" + response.getMediaType().getSubtype())) {
            return;
        }
        JsonNode problem;
        try {
            Object entity = response.getEntity();
            problem = entity instanceof byte[] bytes ? mapper.readTree(bytes)
                    : entity instanceof String text ? mapper.readTree(text) : mapper.valueToTree(entity);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf(e, "A problem answer under /open311/ could not be read; it stays problem+json");
            return;
        }
        int status = response.getStatus();
        List<Open311ErrorsInnerDto> errors = new ArrayList<>();
        for (JsonNode violation : problem.path("errors")) {
            String field = violation.path("field").asText(null);
            String message = violation.path("message").asText("");
            errors.add(new Open311ErrorsInnerDto().code(status)
                    .description(field == null ? message : field + ": " + message));
        }
        if (errors.isEmpty()) {
            String detail = problem.path("detail").asText(problem.path("title").asText("Error " + status));
            errors.add(new Open311ErrorsInnerDto().code(status).description(detail));
        }
        response.setEntity(errors, null, MediaType.APPLICATION_JSON_TYPE);
    }
}
