package org.ecogov.specs;

/**
 * What a gateway's spec must define for {@link Combiner} to declare the gateway's answers on every operation: the
 * 429 and the headers of {@link Combiner#GATEWAY_HEADERS}. Sections of {@code components}, for the small specs the
 * tests write.
 */
final class GatewayAnswers {

    static final String COMPONENTS = """
              headers:
                RateLimitLimit: {description: Requests per window., schema: {type: integer}}
                RateLimitRemaining: {description: Requests left., schema: {type: integer}}
                RateLimitReset: {description: Seconds left in the window., schema: {type: integer}}
                RetryAfter: {description: Seconds to wait., schema: {type: integer}}
                Access-Control-Allow-Origin: {description: The allowed origin., schema: {type: string}}
              responses:
                TooManyRequests:
                  description: Over the limit.
                  headers:
                    Retry-After: {$ref: '#/components/headers/RetryAfter'}
            """;

    private GatewayAnswers() {
    }
}
