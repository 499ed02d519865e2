package org.ecogov.runtime.validation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.MethodDescriptor;
import jakarta.validation.metadata.ParameterDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;

import org.ecogov.runtime.problem.ExpectedInput;
import org.ecogov.runtime.problem.FieldViolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Finds text longer than its declared maximum before bean validation runs, so that no {@code @Pattern} ever runs
 * on it.
 * <p>
 * The generated interfaces and models carry a string's limits as separate constraints, {@code @Size} and
 * {@code @Pattern}, and bean validation evaluates every constraint of a property, in no set order, whether or not
 * another has failed: a 60,000-character name was matched against its pattern although {@code @Size(max = 200)}
 * had already refused it. Bean validation cannot say "this constraint only when that one held", so the lengths are
 * compared first, here, with the {@code @Size} that bean validation itself knows for each string (read through its
 * metadata API, {@link Validator#getConstraintsForClass}): every string of a request body, in nested objects and
 * list elements too, and every string parameter. {@link TextLengthReadInterceptor} and {@link TextLengthFilter}
 * refuse a request with any such string at once, naming each, with bean validation's own message for its
 * {@code @Size}; only requests whose strings all keep their limits go on to bean validation, where the patterns run.
 * <p>
 * The cost is a length comparison per constrained string: what was read already, nothing more.
 */
@ApplicationScoped
public class TextLengths {

    /** A string parameter as the request gives it: its position in the method, its HTTP name, its texts. */
    public record ParameterText(int index, String name, List<? extends CharSequence> texts) {
    }

    private final Validator validator;
    private final MessageInterpolator messages;
    private final ObjectMapper mapper;
    private final Map<Class<?>, Map<String, AnnotatedMember>> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<String, String>> jsonNames = new ConcurrentHashMap<>();

    public TextLengths(ValidatorFactory validation, ObjectMapper mapper) {
        this.validator = validation.getValidator();
        this.messages = validation.getMessageInterpolator();
        this.mapper = mapper;
    }

    /** Every string of a body longer than its {@code @Size} allows, named by its JSON path ({@code details.name}). */
    public List<FieldViolation> ofBody(Object body) {
        List<FieldViolation> found = new ArrayList<>();
        if (body != null) {
            bean(body, "", found);
        }
        return found;
    }

    /**
     * Every parameter text longer than the {@code @Size} of its parameter (or, for a list parameter, of its
     * elements) allows, named by its HTTP name.
     */
    public List<FieldViolation> ofParameters(Class<?> resourceClass, Method method, List<ParameterText> parameters) {
        BeanDescriptor described = validator.getConstraintsForClass(resourceClass);
        MethodDescriptor executable = described.getConstraintsForMethod(method.getName(), method.getParameterTypes());
        List<FieldViolation> found = new ArrayList<>();
        if (executable == null) {
            return found;
        }
        List<ParameterDescriptor> constrained = executable.getParameterDescriptors();
        for (ParameterText parameter : parameters) {
            ParameterDescriptor descriptor = constrained.get(parameter.index());
            boolean single = CharSequence.class.isAssignableFrom(method.getParameterTypes()[parameter.index()]);
            for (CharSequence text : parameter.texts()) {
                if (single) {
                    text(text, descriptor.getConstraintDescriptors(), parameter.name(), found);
                } else {
                    for (ContainerElementTypeDescriptor element : descriptor.getConstrainedContainerElementTypes()) {
                        text(text, element.getConstraintDescriptors(), parameter.name(), found);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every parameter sent with an empty value ({@code ?divisionCode=}, {@code Idempotency-Key:} with nothing after it)
     * that its declaration refuses, named by its HTTP name. Quarkus REST hands a method {@code null} for an empty query
     * value, as if the parameter were not sent, so bean validation never sees the empty text; the contract does: a
     * string with a {@code minLength}, a {@code pattern} that needs a character, or a value of another type (a number,
     * a boolean, an enum, a date) is not empty. A string declared without such a limit takes the empty value.
     */
    public List<FieldViolation> ofEmptyParameters(Class<?> resourceClass, Method method, List<ParameterText> parameters) {
        BeanDescriptor described = validator.getConstraintsForClass(resourceClass);
        MethodDescriptor executable = described.getConstraintsForMethod(method.getName(), method.getParameterTypes());
        List<FieldViolation> found = new ArrayList<>();
        for (ParameterText parameter : parameters) {
            Class<?> type = method.getParameterTypes()[parameter.index()];
            boolean text = CharSequence.class.isAssignableFrom(type);
            boolean many = Collection.class.isAssignableFrom(type);
            if (!text && !many) {
                found.add(new FieldViolation(parameter.name(), ExpectedInput.describe(
                        mapper.constructType(method.getGenericParameterTypes()[parameter.index()]), mapper)));
                continue;
            }
            if (executable == null) {
                continue;
            }
            ParameterDescriptor descriptor = executable.getParameterDescriptors().get(parameter.index());
            Set<ConstraintDescriptor<?>> constraints = new java.util.LinkedHashSet<>(descriptor.getConstraintDescriptors());
            if (many) {
                constraints.clear();
                for (ContainerElementTypeDescriptor element : descriptor.getConstrainedContainerElementTypes()) {
                    constraints.addAll(element.getConstraintDescriptors());
                }
            }
            for (ConstraintDescriptor<?> constraint : constraints) {
                if (refusesEmpty(constraint)) {
                    found.add(new FieldViolation(parameter.name(), message(constraint, "")));
                    break;
                }
            }
        }
        return found;
    }

    private static boolean refusesEmpty(ConstraintDescriptor<?> constraint) {
        Object annotation = constraint.getAnnotation();
        if (annotation instanceof Size size) {
            return size.min() > 0;
        }
        if (annotation instanceof Pattern pattern) {
            // as bean validation applies it: the whole value must match
            return !java.util.regex.Pattern.compile(pattern.regexp()).matcher("").matches();
        }
        return annotation instanceof NotEmpty || annotation instanceof NotBlank;
    }

    private void bean(Object bean, String path, List<FieldViolation> found) {
        BeanDescriptor described = validator.getConstraintsForClass(bean.getClass());
        if (!described.isBeanConstrained()) {
            return;
        }
        for (PropertyDescriptor property : described.getConstrainedProperties()) {
            Optional<AnnotatedMember> reader = reader(bean.getClass(), property.getPropertyName());
            Object value = reader.map(member -> member.getValue(bean)).orElse(null);
            if (value == null) {
                continue;
            }
            String field = (path.isEmpty() ? "" : path + ".") + jsonName(bean.getClass(), property.getPropertyName());
            text(value, property.getConstraintDescriptors(), field, found);
            boolean elementsWalked = false;
            for (ContainerElementTypeDescriptor element : property.getConstrainedContainerElementTypes()) {
                forEachElement(value, element.getTypeArgumentIndex(), field, (item, itemField) -> {
                    text(item, element.getConstraintDescriptors(), itemField, found);
                    if (element.isCascaded()) {
                        bean(item, itemField, found);
                    }
                });
                elementsWalked |= element.isCascaded();
            }
            if (property.isCascaded() && !elementsWalked) {
                if (value instanceof Iterable<?> || value instanceof Map<?, ?>) {
                    forEachElement(value, 1, field, (item, itemField) -> bean(item, itemField, found));
                } else {
                    bean(value, field, found);
                }
            }
        }
    }

    private interface ElementVisitor {
        void visit(Object element, String field);
    }

    /** The elements of a list (or a map's values, or its keys for type argument 0), each with its field name. */
    private static void forEachElement(Object container, Integer typeArgument, String field, ElementVisitor visitor) {
        if (container instanceof Iterable<?> items) {
            int index = 0;
            for (Object item : items) {
                if (item != null) {
                    visitor.visit(item, field + "[" + index + "]");
                }
                index++;
            }
        } else if (container instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object item = Integer.valueOf(0).equals(typeArgument) ? entry.getKey() : entry.getValue();
                if (item != null) {
                    visitor.visit(item, field + "[" + entry.getKey() + "]");
                }
            }
        } else if (container instanceof Optional<?> optional && optional.isPresent()) {
            visitor.visit(optional.get(), field);
        }
    }

    private void text(Object value, Set<ConstraintDescriptor<?>> constraints, String field, List<FieldViolation> found) {
        if (!(value instanceof CharSequence text)) {
            return;
        }
        for (ConstraintDescriptor<?> constraint : constraints) {
            if (constraint.getAnnotation() instanceof Size size && text.length() > size.max()) {
                found.add(new FieldViolation(field, message(constraint, value)));
            }
        }
    }

    /** Bean validation's own message for the constraint, in the request's locale, as it would have said it. */
    private String message(ConstraintDescriptor<?> constraint, Object value) {
        return messages.interpolate(constraint.getMessageTemplate(), new MessageInterpolator.Context() {
            @Override
            public ConstraintDescriptor<?> getConstraintDescriptor() {
                return constraint;
            }

            @Override
            public Object getValidatedValue() {
                return value;
            }

            @Override
            public <T> T unwrap(Class<T> type) {
                throw new ValidationException("no " + type.getName() + " behind a length check");
            }
        });
    }

    /** How a property's value is read (its getter, else its field), as Jackson sees the class. */
    private Optional<AnnotatedMember> reader(Class<?> type, String javaName) {
        return Optional.ofNullable(readers.computeIfAbsent(type, this::readersOf).get(javaName));
    }

    private Map<String, AnnotatedMember> readersOf(Class<?> type) {
        Map<String, AnnotatedMember> byJavaName = new ConcurrentHashMap<>();
        for (BeanPropertyDefinition property : properties(type, true)) {
            AnnotatedMember member = property.getAccessor();
            if (member != null) {
                member.fixAccess(true);
                byJavaName.putIfAbsent(property.getInternalName(), member);
            }
        }
        return byJavaName;
    }

    /** The property's name in JSON (what the client wrote), as Jackson reads it; the Java name when it has none. */
    private String jsonName(Class<?> type, String javaName) {
        return jsonNames.computeIfAbsent(type, this::jsonNamesOf).getOrDefault(javaName, javaName);
    }

    private Map<String, String> jsonNamesOf(Class<?> type) {
        Map<String, String> byJavaName = new ConcurrentHashMap<>();
        for (BeanPropertyDefinition property : properties(type, false)) {
            byJavaName.putIfAbsent(property.getInternalName(), property.getName());
        }
        return byJavaName;
    }

    /** The class's properties as Jackson writes them (for their getters) or reads them (for their JSON names). */
    private Collection<BeanPropertyDefinition> properties(Class<?> type, boolean forValues) {
        return forValues ? mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties()
                : mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties();
    }
}
