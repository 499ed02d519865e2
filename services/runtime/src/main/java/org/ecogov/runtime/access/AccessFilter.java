package org.ecogov.runtime.access;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import org.ecogov.runtime.security.CallerProducer;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

/**
 * Enforces the {@link Access} rule of the resource method a request reached, before the method runs: an
 * anonymous caller is 401, a third party without the rule's key scope 403 {@code insufficient-scope}, a role
 * outside the rule 403 {@code forbidden} (all problem+json, by the runtime's mappers).
 * <p>
 * Deny by default: a resource method without {@link Access} is refused 403 {@code forbidden} to every caller,
 * a platform-admin included, and logged as the programming error it is, naming the method. The class-level
 * {@code @Authenticated} alone would let any signed-in caller through, so a forgotten declaration would be a leak;
 * this way it is a refusal someone notices (the every-operation test in services/testing catches it earlier, at
 * build time, for the operations of the specs). What is public on purpose (health, /q/openapi, /q/metrics) is
 * no JAX-RS resource and never reaches this filter. The method's declaration is read once per method.
 */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    private final CallerProducer callers;
    private final Instance<AccessRules> rules;

    private final Map<Method, Optional<AccessRule>> byMethod = new ConcurrentHashMap<>();

    public AccessFilter(CallerProducer callers, Instance<AccessRules> rules) {
        this.callers = callers;
        this.rules = rules;
    }

    @ServerRequestFilter
    public Uni<Response> enforce(SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<AccessRule> rule = ruleOf(resource);
        if (rule.isEmpty()) {
            LOG.errorf("Programming error: %s.%s has no @Access declaration, so it is refused 403 to every caller;"
                    + " declare the access rule it follows", resource.getResourceClass().getName(),
                    resource.getMethodName());
            return Uni.createFrom().failure(new ForbiddenException());
        }
        if (rule.get().enforcedBy() != null) {
            return Uni.createFrom().nullItem();
        }
        return callers.resolve().map(caller -> {
            if (caller.isAnonymous()) {
                throw new UnauthorizedException();
            }
            rule.get().check(caller);
            return null;
        });
    }

    private Optional<AccessRule> ruleOf(SimpleResourceInfo resource) {
        Method method;
        try {
            method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        return byMethod.computeIfAbsent(method, AccessFilter.this::declared);
    }

    private Optional<AccessRule> declared(Method method) {
        Access access = method.getAnnotation(Access.class);
        if (access == null) {
            return Optional.empty();
        }
        if (!rules.isResolvable()) {
            throw new IllegalStateException(method + " names the access rule " + access.value()
                    + " but the service has no AccessRules bean");
        }
        return Optional.of(rules.get().find(access.value()).orElseThrow(() -> new IllegalStateException(
                method + " names the access rule " + access.value() + ", which the service does not define")));
    }
}
