package org.ecogov.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

class ScopesTest {

    /** The scopes a key can be granted are defined once, by the gateway's contract. */
    @Test
    void grantableScopesAreThoseOfTheGatewayContract() throws IOException {
        JsonNode schema = new ObjectMapper(new YAMLFactory())
                .readTree(root().resolve("api-specs/gateway.yaml").toFile())
                .at("/components/schemas/ApiKeyScope");
        List<String> contract = new ArrayList<>();
        schema.get("enum").forEach(scope -> contract.add(scope.asText()));
        assertThat(Scopes.GRANTABLE).containsExactlyInAnyOrderElementsOf(contract);
    }

    @Test
    void refusalNamesTheMissingScope() {
        ProblemException refusal = Scopes.insufficient("Reading the registry", Scopes.REGISTRY_READ, Scopes.DISCLOSURE_READ);
        assertThat(refusal.type()).isEqualTo(ProblemType.INSUFFICIENT_SCOPE);
        assertThat(refusal.getMessage()).isEqualTo("Reading the registry needs the scope registry:read (or disclosure:read).");
        assertThat(Scopes.insufficient("Changing the registry", "registry:write").getMessage())
                .isEqualTo("Changing the registry needs the scope registry:write, which no API key can be granted.");
    }

    private static Path root() {
        String root = System.getProperty("ecogov.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    }
}
