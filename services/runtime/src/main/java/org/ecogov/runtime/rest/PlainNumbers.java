package org.ecogov.runtime.rest;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Decimal amounts go out as people write them: a limit of 200 mg/m³ is {@code 200}, never {@code 2E+2}. Jackson
 * writes a {@link java.math.BigDecimal} with its scale, and a value whose trailing zeros were stripped (as the
 * services do, so that 200.00 and 200 compare and print alike) has a negative one, which it would write in
 * scientific notation: valid JSON, but not what a client's form or a person reading the answer expects.
 */
@Singleton
public class PlainNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
