package org.ecogov.runtime.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Explains a query, path, header or cookie parameter whose text could not be converted to its Java type
 * ({@code ?limit=ten} for an {@code Integer}, an unknown enum value).
 * <p>
 * JAX-RS answers these with a bare 404 (query and path) or 400 (header and cookie) that wraps the converter's
 * exception and names no parameter. A 404 misleads the client, so any such parameter becomes a
 * validation-failed problem naming it — for path parameters too, the same answer a path parameter that fails
 * its {@code @Pattern} gets. The failing parameter is found by looking for its raw value in the converter's
 * message, which every standard converter quotes.
 */
@ApplicationScoped
public class ParameterProblems {

    /** Where a parameter's text comes from. */
    public enum Source {
        QUERY, PATH, HEADER, COOKIE
    }

    /**
     * A parameter of a resource method as the client sent it: where from, its HTTP name, its position among the
     * method's parameters, its Java type and the raw texts of the request.
     */
    public record HttpParameter(Source source, String name, int index, JavaType type, List<String> rawValues) {
    }

    private static final String PARAMETER_HANDLER = "org.jboss.resteasy.reactive.server.handlers.ParameterHandler";

    private final ObjectMapper mapper;

    public ParameterProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The problem a parameter-conversion failure means, or empty if the exception is not one. */
    public Optional<ProblemException> conversionFailure(WebApplicationException failure, ResourceInfo resource,
            UriInfo uri, HttpHeaders headers) {
        Throwable cause = failure.getCause();
        Method method = resource == null ? null : resource.getResourceMethod();
        if (cause == null || method == null || !thrownByParameterHandling(failure)) {
            return Optional.empty();
        }
        List<HttpParameter> parameters = parameters(resource.getResourceClass(), method, uri, headers);
        String complaint = messages(cause);
        HttpParameter culprit = find(parameters, complaint, true);
        if (culprit == null) {
            culprit = find(parameters, complaint, false);
        }
        if (culprit == null) {
            boolean onlyPath = parameters.stream().allMatch(parameter -> parameter.source() == Source.PATH);
            return Optional.of(failure instanceof NotFoundException && onlyPath
                    ? ProblemException.of(ProblemType.NOT_FOUND, "No resource at this path.")
                    : ProblemException.of(ProblemType.VALIDATION_FAILED, "A request parameter has an invalid value."));
        }
        return Optional.of(ProblemException.field(ProblemType.VALIDATION_FAILED, culprit.name(),
                ExpectedInput.describe(culprit.type(), mapper)));
    }

    /**
     * Whether Quarkus REST raised this while turning request text into method arguments. A service may throw
     * a {@code NotFoundException} with a cause of its own, which must stay a plain 404; the conversion
     * failures are the ones created in Quarkus REST's parameter handler, before the method was invoked.
     */
    private static boolean thrownByParameterHandling(WebApplicationException failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith(PARAMETER_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    private static HttpParameter find(List<HttpParameter> parameters, String complaint, boolean quotedOnly) {
        for (HttpParameter parameter : parameters) {
            for (String raw : parameter.rawValues()) {
                if (raw == null || raw.isEmpty()) {
                    continue;
                }
                boolean quoted = complaint.contains("\"" + raw + "\"") || complaint.contains("'" + raw + "'")
                        || complaint.contains("." + raw);
                if (quoted || !quotedOnly && complaint.contains(raw)) {
                    return parameter;
                }
            }
        }
        return null;
    }

    /**
     * The query, path, header and cookie parameters of a resource method, named as its declaration (the generated
     * interface) names them, with the texts this request gives them.
     */
    public List<HttpParameter> parameters(Class<?> resourceClass, Method method, UriInfo uri, HttpHeaders headers) {
        List<HttpParameter> parameters = new ArrayList<>();
        List<Method> declarations = new ArrayList<>();
        declarations.add(method);
        collectInterfaceDeclarations(resourceClass, method, declarations);
        Parameter[] javaParameters = method.getParameters();
        for (int i = 0; i < javaParameters.length; i++) {
            for (Method declaration : declarations) {
                HttpParameter parameter = describe(declaration.getParameters()[i], i, javaParameters[i].getName(), uri,
                        headers);
                if (parameter != null) {
                    parameters.add(parameter);
                    break;
                }
            }
        }
        return parameters;
    }

    private HttpParameter describe(Parameter parameter, int index, String javaName, UriInfo uri, HttpHeaders headers) {
        JavaType type = mapper.getTypeFactory().constructType(parameter.getParameterizedType());
        if (type.isCollectionLikeType() || type.isArrayType()) {
            type = type.getContentType();
        }
        for (Annotation annotation : parameter.getAnnotations()) {
            String name;
            Source source;
            if (annotation instanceof QueryParam query) {
                source = Source.QUERY;
                name = query.value();
            } else if (annotation instanceof RestQuery query) {
                source = Source.QUERY;
                name = query.value();
            } else if (annotation instanceof PathParam path) {
                source = Source.PATH;
                name = path.value();
            } else if (annotation instanceof RestPath path) {
                source = Source.PATH;
                name = path.value();
            } else if (annotation instanceof HeaderParam header) {
                source = Source.HEADER;
                name = header.value();
            } else if (annotation instanceof RestHeader header) {
                source = Source.HEADER;
                name = header.value();
            } else if (annotation instanceof CookieParam cookie) {
                source = Source.COOKIE;
                name = cookie.value();
            } else if (annotation instanceof RestCookie cookie) {
                source = Source.COOKIE;
                name = cookie.value();
            } else {
                continue;
            }
            if (name == null || name.isEmpty()) {
                name = javaName;
            }
            return new HttpParameter(source, name, index, type, rawValues(source, name, uri, headers));
        }
        return null;
    }

    /** The texts a request gives a parameter (none when it does not send it). */
    public static List<String> rawValues(Source source, String name, UriInfo uri, HttpHeaders headers) {
        List<String> values = switch (source) {
            case QUERY -> uri == null ? null : uri.getQueryParameters().get(name);
            case PATH -> uri == null ? null : uri.getPathParameters().get(name);
            case HEADER -> headers == null ? null : headers.getRequestHeader(name);
            case COOKIE -> {
                Cookie cookie = headers == null ? null : headers.getCookies().get(name);
                yield cookie == null ? null : List.of(cookie.getValue());
            }
        };
        return values == null ? List.of() : values;
    }

    private static void collectInterfaceDeclarations(Class<?> type, Method method, List<Method> found) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                collectFrom(implemented, method, found);
            }
        }
    }

    private static void collectFrom(Class<?> type, Method method, List<Method> found) {
        try {
            found.add(type.getDeclaredMethod(method.getName(), method.getParameterTypes()));
        } catch (NoSuchMethodException e) {
            // not declared here
        }
        for (Class<?> parent : type.getInterfaces()) {
            collectFrom(parent, method, found);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
