package org.ecogov.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.BadInputSweep;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on every operation of api-specs/gateway.yaml (the sweep the services run over theirs): every
 * answer a problem+json 4xx naming the field, and nothing written.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class EveryEndpointBadInputTest {

    @Test
    void everyOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() throws Exception {
        String keyId = Keys.issue("SWEPT", "registry:read").getString("apiKey.id");
        Map<String, Long> before = rowCounts();

        List<BadInputSweep.Case> cases = BadInputSweep.cases(Contracts.spec("gateway.yaml"), (name, template) -> switch (name) {
            case "keyId" -> keyId;
            case "uscc" -> "91341702669392367N";
            case "chain" -> "registry";
            default -> throw new IllegalStateException("no sample value for path parameter " + name);
        }, name -> {
            throw new IllegalStateException("no sample value for required query parameter " + name);
        });
        List<String> wrong = BadInputSweep.wronglyAnswered(cases, request -> request.auth().oauth2(TestTokens.platformAdmin()));

        assertThat(wrong).as("answers that are not a problem+json 4xx naming the field").isEmpty();
        assertThat(cases.stream().map(BadInputSweep.Case::operation).distinct()).hasSize(9);
        assertThat(cases).hasSizeGreaterThan(40);
        assertThat(rowCounts()).as("nothing written by bad input").isEqualTo(before);
    }

    private static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            for (String table : List.of("api_key", "audit_entry")) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("select count(*) from api_key where rotated_at is not null or revoked_at is not null")) {
                rows.next();
                counts.put("changed keys", rows.getLong(1));
            }
        }
        return counts;
    }
}
