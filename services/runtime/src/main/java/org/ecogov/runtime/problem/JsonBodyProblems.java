package org.ecogov.runtime.problem;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's complaints about a request body into problems: text that is not JSON is a malformed body;
 * JSON of the wrong shape (wrong type, unknown enum value, bad date-time, unknown property) is a validation
 * failure naming the JSON path the client wrote, e.g. {@code pollutants[0].limit}.
 */
@ApplicationScoped
public class JsonBodyProblems {

    private final ObjectMapper mapper;

    public JsonBodyProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The problem a body-reading failure means, or empty if it is not one the client caused (a Jackson
     * definition problem is a server bug and stays an internal error).
     */
    public Optional<ProblemException> toProblem(Throwable failure) {
        JsonProcessingException json = jacksonCause(failure);
        if (json == null || json instanceof InvalidDefinitionException) {
            return Optional.empty();
        }
        if (json instanceof StreamConstraintsException) {
            return Optional.of(ProblemException.of(ProblemType.MALFORMED_BODY,
                    "The request body exceeds a JSON limit (nesting depth, or length of a number or string)."));
        }
        if (json instanceof StreamReadException) {
            return Optional.of(ProblemException.of(ProblemType.MALFORMED_BODY, "The request body is not valid JSON: "
                    + parserComplaint(json) + where(json.getLocation()) + "."));
        }
        if (json instanceof DatabindException) {
            JsonMappingException mapping = (JsonMappingException) json;
            String path = path(mapping);
            String message = message(mapping);
            if (path.isEmpty()) {
                // the top-level value itself is wrong, e.g. an array where an object belongs
                return Optional.of(ProblemException.of(ProblemType.MALFORMED_BODY,
                        "The request body " + message + "."));
            }
            return Optional.of(ProblemException.fields(ProblemType.VALIDATION_FAILED, path + ": " + message,
                    List.of(new FieldViolation(path, message))));
        }
        return Optional.of(ProblemException.of(ProblemType.MALFORMED_BODY, "The request body could not be read."));
    }

    private String message(JsonMappingException mapping) {
        if (mapping instanceof PropertyBindingException) {
            return "is not a known property";
        }
        if (mapping instanceof InvalidFormatException format) {
            return ExpectedInput.describe(mapper.constructType(format.getTargetType()), mapper);
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return ExpectedInput.describe(mapper.constructType(mismatch.getTargetType()), mapper);
        }
        if (mapping instanceof ValueInstantiationException instantiation) {
            JavaType type = instantiation.getType();
            return ExpectedInput.describe(type, mapper);
        }
        return "has an invalid value";
    }

    /** The JSON path as the client wrote it: property names from the JSON, indexes in brackets. */
    static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson's own words about the syntax error, without its pointer into the source (given separately). */
    private static String parserComplaint(JsonProcessingException json) {
        String message = json.getOriginalMessage();
        if (message == null) {
            return "unreadable";
        }
        for (String cut : new String[] { "\n", " (start marker", " at [Source", "[Source" }) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message.strip();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static JsonProcessingException jacksonCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }
}
