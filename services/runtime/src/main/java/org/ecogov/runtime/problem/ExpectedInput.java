package org.ecogov.runtime.problem;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Says in the client's terms what a Java type accepts ("must be an integer", "must be one of: water, air"),
 * so that an error about a wrong value names JSON concepts and never a Java class.
 */
public final class ExpectedInput {

    private ExpectedInput() {
    }

    /** What a value of this type must look like, as a problem's field message ("must be an integer", "must be one of: …"). */
    public static String describe(JavaType type, ObjectMapper mapper) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isReferenceType()) { // Optional<T> and friends
            return describe(type.getReferencedType(), mapper);
        }
        Class<?> raw = type.getRawClass();
        if (raw.isEnum()) {
            return "must be one of: " + enumValues(raw, mapper);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "must be true or false";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == Byte.class || raw == byte.class
                || raw == BigInteger.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "must be a number";
        }
        if (raw == OffsetDateTime.class || raw == ZonedDateTime.class || raw == Instant.class || raw == Date.class) {
            return "must be an RFC 3339 date-time with offset, e.g. 2026-03-01T08:30:00+08:00";
        }
        if (raw == LocalDateTime.class) {
            return "must be a date-time, e.g. 2026-03-01T08:30:00";
        }
        if (raw == LocalDate.class) {
            return "must be a date, e.g. 2026-03-01";
        }
        if (raw == LocalTime.class || raw == OffsetTime.class) {
            return "must be a time, e.g. 08:30:00";
        }
        if (raw == UUID.class) {
            return "must be a UUID";
        }
        if (raw == String.class || raw == Character.class || raw == char.class) {
            return "must be a string";
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(raw) || !raw.isPrimitive() && !raw.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has an invalid value";
    }

    /** The enum's constants as they appear in JSON (generated enums carry their wire names via @JsonValue). */
    private static String enumValues(Class<?> enumType, ObjectMapper mapper) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> {
            try {
                String json = mapper.writeValueAsString(constant);
                return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
            } catch (JsonProcessingException e) {
                return ((Enum<?>) constant).name();
            }
        }).collect(Collectors.joining(", "));
    }
}
