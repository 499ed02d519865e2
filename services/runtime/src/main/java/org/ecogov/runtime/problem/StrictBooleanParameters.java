package org.ecogov.runtime.problem;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Boolean query, path and header parameters accept exactly {@code true} and {@code false}. JAX-RS would
 * use {@code Boolean.valueOf}, which reads anything else ({@code ?keyMonitored=perhaps}) as false and so
 * silently answers a different question than the client asked. A refused value surfaces as a parameter
 * conversion failure, which {@link ParameterProblems} turns into a 400 naming the parameter.
 */
@Provider
public class StrictBooleanParameters implements ParamConverterProvider {

    private static final ParamConverter<Boolean> STRICT = new ParamConverter<>() {
        @Override
        public Boolean fromString(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("'" + value + "' is neither true nor false");
            };
        }

        @Override
        public String toString(Boolean value) {
            return value == null ? null : value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == Boolean.class || rawType == boolean.class ? (ParamConverter<T>) STRICT : null;
    }
}
