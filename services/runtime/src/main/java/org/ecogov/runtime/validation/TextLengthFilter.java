package org.ecogov.runtime.validation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ParameterProblems;
import org.ecogov.runtime.problem.ParameterProblems.HttpParameter;
import org.ecogov.runtime.problem.ViolationProblems;

/**
 * Refuses a request whose query, path, header or cookie parameter is longer than its {@code @Size} allows before the
 * parameters are converted and validated, so that no {@code @Pattern} runs on it: 400 validation-failed naming every
 * such parameter ({@link TextLengths}); and one whose query or header parameter is sent empty where its declaration
 * refuses the empty text (a {@code minLength}, a pattern, a number, an enum: {@link TextLengths#ofEmptyParameters}),
 * which Quarkus REST would otherwise hand the method as "not sent". It runs after the access check ({@code AccessFilter}), so a caller who may not
 * call the operation learns nothing about its parameters. A method's parameters are looked up once.
 */
public class TextLengthFilter {

    private final TextLengths lengths;
    private final ParameterProblems parameters;
    private final Map<Method, List<HttpParameter>> byMethod = new ConcurrentHashMap<>();

    public TextLengthFilter(TextLengths lengths, ParameterProblems parameters) {
        this.lengths = lengths;
        this.parameters = parameters;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void refuseOverLongParameters(SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        Class<?> resourceClass = resource.getResourceClass();
        if (resourceClass == null) {
            return;
        }
        Method method;
        try {
            method = resourceClass.getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return;
        }
        List<HttpParameter> declared = byMethod.computeIfAbsent(method,
                m -> parameters.parameters(resourceClass, m, null, null));
        if (declared.isEmpty()) {
            return;
        }
        List<TextLengths.ParameterText> given = new ArrayList<>(declared.size());
        for (HttpParameter parameter : declared) {
            List<String> texts = ParameterProblems.rawValues(parameter.source(), parameter.name(), uri, headers);
            if (!texts.isEmpty()) {
                given.add(new TextLengths.ParameterText(parameter.index(), parameter.name(), texts));
            }
        }
        List<FieldViolation> tooLong = lengths.ofParameters(resourceClass, method, given);
        if (!tooLong.isEmpty()) {
            throw ViolationProblems.invalid(tooLong);
        }
        List<TextLengths.ParameterText> empty = new ArrayList<>();
        for (HttpParameter parameter : declared) {
            if (parameter.source() == ParameterProblems.Source.QUERY || parameter.source() == ParameterProblems.Source.HEADER) {
                List<String> texts = ParameterProblems.rawValues(parameter.source(), parameter.name(), uri, headers);
                if (texts.stream().anyMatch(String::isEmpty)) {
                    empty.add(new TextLengths.ParameterText(parameter.index(), parameter.name(), List.of("")));
                }
            }
        }
        List<FieldViolation> refusedEmpty = empty.isEmpty() ? List.of() : lengths.ofEmptyParameters(resourceClass, method, empty);
        if (!refusedEmpty.isEmpty()) {
            throw ViolationProblems.invalid(refusedEmpty);
        }
    }
}
