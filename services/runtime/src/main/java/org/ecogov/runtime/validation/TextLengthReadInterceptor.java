package org.ecogov.runtime.validation;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ViolationProblems;

/**
 * Refuses a request body with a string longer than its {@code @Size} allows as soon as it has been read, before bean
 * validation (and so any {@code @Pattern}) sees it: 400 validation-failed naming every such string
 * ({@link TextLengths}).
 */
@Provider
public class TextLengthReadInterceptor implements ReaderInterceptor {

    private final TextLengths lengths;

    public TextLengthReadInterceptor(TextLengths lengths) {
        this.lengths = lengths;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        Object body = context.proceed();
        List<FieldViolation> tooLong = lengths.ofBody(body);
        if (!tooLong.isEmpty()) {
            throw ViolationProblems.invalid(tooLong);
        }
        return body;
    }
}
