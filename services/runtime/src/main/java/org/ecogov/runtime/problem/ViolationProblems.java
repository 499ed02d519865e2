package org.ecogov.runtime.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Turns bean-validation violations on a REST endpoint's parameters into a validation-failed problem whose
 * fields are named the way the client wrote them.
 * <p>
 * Validation reports Java paths ({@code createEnterprise.enterpriseCreate.location.latitude}); the client
 * sent JSON. So the method segment is dropped, a body parameter's segment too ({@code location.latitude}),
 * a query, path, header or cookie parameter is named by its HTTP name ({@code limit}, {@code If-Match}),
 * elements are written {@code outlets[0].code}, and each Java property is translated to its JSON name the
 * way Jackson itself maps it ({@code @JsonProperty}, naming strategies), falling back to the Java name.
 */
@ApplicationScoped
public class ViolationProblems {

    /** Annotations that make a parameter come from somewhere other than the body; their value is its name. */
    private static final Set<String> HTTP_PARAMETER_ANNOTATIONS = Set.of(
            "jakarta.ws.rs.QueryParam", "jakarta.ws.rs.PathParam", "jakarta.ws.rs.HeaderParam",
            "jakarta.ws.rs.CookieParam", "jakarta.ws.rs.FormParam", "jakarta.ws.rs.MatrixParam",
            "org.jboss.resteasy.reactive.RestQuery", "org.jboss.resteasy.reactive.RestPath",
            "org.jboss.resteasy.reactive.RestHeader", "org.jboss.resteasy.reactive.RestCookie",
            "org.jboss.resteasy.reactive.RestForm", "org.jboss.resteasy.reactive.RestMatrix");
    /** Parameters that are neither the body nor named by the client. */
    private static final Set<String> NON_BODY_ANNOTATIONS = Set.of("jakarta.ws.rs.core.Context",
            "jakarta.ws.rs.BeanParam", "jakarta.ws.rs.container.Suspended");

    private final ObjectMapper mapper;
    private final Map<JavaType, Map<String, BeanPropertyDefinition>> propertiesByType = new ConcurrentHashMap<>();

    public ViolationProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether any violation is about what the method returned: then the server, not the client, is wrong. */
    public static boolean concernsReturnValue(Set<? extends ConstraintViolation<?>> violations) {
        for (ConstraintViolation<?> violation : violations) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    public ProblemException toProblem(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldViolation> fields = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            Located located = locate(violation);
            if (located.missingBody()) {
                // the reader hands an empty body over as null: that is a malformed request, not a bad field
                return ProblemException.of(ProblemType.MALFORMED_BODY, "The request body is missing.");
            }
            fields.add(new FieldViolation(located.field(), violation.getMessage()));
        }
        return invalid(fields);
    }

    /** A validation-failed problem naming these fields, in a stable order, each also in the detail. */
    public static ProblemException invalid(List<FieldViolation> violations) {
        List<FieldViolation> fields = new ArrayList<>(violations);
        fields.sort(Comparator.comparing(FieldViolation::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(FieldViolation::message));
        String detail = fields.size() == 1
                ? describe(fields.get(0))
                : fields.size() + " fields are invalid: "
                        + String.join("; ", fields.stream().map(ViolationProblems::describe).toList());
        return ProblemException.fields(ProblemType.VALIDATION_FAILED, detail, fields);
    }

    private static String describe(FieldViolation violation) {
        return violation.field() == null || violation.field().isEmpty() ? violation.message()
                : violation.field() + ": " + violation.message();
    }

    /** The client's name for what a violation is about. */
    public String fieldOf(ConstraintViolation<?> violation) {
        return locate(violation).field();
    }

    private record Located(String field, boolean missingBody) {
    }

    private Located locate(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        Method method = null;
        List<Method> declarations = List.of();
        JavaType current = null;
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            switch (node.getKind()) {
                case METHOD -> {
                    Path.MethodNode methodNode = node.as(Path.MethodNode.class);
                    declarations = declarations(violation.getRootBeanClass(), methodNode.getName(),
                            methodNode.getParameterTypes().toArray(Class<?>[]::new));
                    method = declarations.isEmpty() ? null : declarations.get(0);
                }
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    String httpName = declarations.isEmpty() ? node.getName()
                            : httpParameterName(declarations, index, node.getName());
                    if (httpName != null) {
                        field.append(httpName);
                    } else {
                        current = method == null ? null
                                : mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[index]);
                        if (!nodes.hasNext() && violation.getInvalidValue() == null
                                && violation.getConstraintDescriptor().getAnnotation() instanceof NotNull) {
                            return new Located("", true);
                        }
                    }
                }
                case PROPERTY -> {
                    if (node.isInIterable()) {
                        appendElement(field, node);
                        current = elementType(current);
                    }
                    String javaName = node.getName();
                    BeanPropertyDefinition property = property(current, javaName);
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(property == null ? javaName : property.getName());
                    current = property == null ? null : property.getPrimaryType();
                }
                case CONTAINER_ELEMENT, BEAN -> {
                    if (node.isInIterable()) {
                        appendElement(field, node);
                        current = elementType(current);
                    }
                }
                default -> {
                    // CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE: nothing the client named
                }
            }
        }
        // a constraint on a whole body or across parameters names no field
        return new Located(field.isEmpty() ? null : field.toString(), false);
    }

    private static void appendElement(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        } else {
            field.append("[]");
        }
    }

    private static JavaType elementType(JavaType container) {
        if (container == null) {
            return null;
        }
        if (container.isReferenceType()) {
            return container.getReferencedType();
        }
        return container.getContentType();
    }

    private BeanPropertyDefinition property(JavaType type, String javaName) {
        if (type == null) {
            return null;
        }
        if (type.isReferenceType()) {
            type = type.getReferencedType();
        }
        Class<?> raw = type.getRawClass();
        if (type.isContainerType() || raw.isPrimitive() || raw.getName().startsWith("java.")) {
            return null;
        }
        return propertiesByType.computeIfAbsent(type, this::properties).get(javaName);
    }

    private Map<String, BeanPropertyDefinition> properties(JavaType type) {
        Map<String, BeanPropertyDefinition> byJavaName = new ConcurrentHashMap<>();
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            byJavaName.putIfAbsent(property.getInternalName(), property);
        }
        return byJavaName;
    }

    /** Every declaration of a method, up classes and interfaces: a generated interface holds the annotations. */
    private static List<Method> declarations(Class<?> type, String name, Class<?>[] parameterTypes) {
        List<Method> found = new ArrayList<>();
        collect(type, name, parameterTypes, found);
        return found;
    }

    private static void collect(Class<?> type, String name, Class<?>[] parameterTypes, List<Method> found) {
        if (type == null || type == Object.class) {
            return;
        }
        try {
            found.add(type.getDeclaredMethod(name, parameterTypes));
        } catch (NoSuchMethodException e) {
            // not declared at this level
        }
        collect(type.getSuperclass(), name, parameterTypes, found);
        for (Class<?> implemented : type.getInterfaces()) {
            collect(implemented, name, parameterTypes, found);
        }
    }

    /** The HTTP name of a query/path/header/cookie/form parameter; null for the body. */
    private static String httpParameterName(List<Method> declarations, int index, String javaName) {
        boolean notBody = false;
        for (Method declaration : declarations) {
            for (Annotation annotation : declaration.getParameterAnnotations()[index]) {
                String annotationType = annotation.annotationType().getName();
                if (HTTP_PARAMETER_ANNOTATIONS.contains(annotationType)) {
                    String value = annotationValue(annotation);
                    return value == null || value.isEmpty() ? javaName : value;
                }
                notBody |= NON_BODY_ANNOTATIONS.contains(annotationType);
            }
        }
        return notBody ? javaName : null;
    }

    private static String annotationValue(Annotation annotation) {
        try {
            Object value = annotation.annotationType().getMethod("value").invoke(annotation);
            return value instanceof String text ? text : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
