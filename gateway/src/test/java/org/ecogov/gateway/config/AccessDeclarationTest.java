package org.ecogov.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.ecogov.runtime.access.AccessRule;
import org.ecogov.testing.AccessDeclarations;
import org.ecogov.testing.Contracts;
import org.junit.jupiter.api.Test;

/** Every operation of the gateway's own spec names one of its access rules (services/testing's AccessDeclarations). */
class AccessDeclarationTest {

    private static final Path CLASSES = Contracts.root().resolve("gateway/target/classes");

    @Test
    void everyOperationDeclaresARuleTheGatewayDefines() {
        Set<String> rules = GatewayAccess.RULES.stream().map(AccessRule::name).collect(Collectors.toSet());
        assertThat(AccessDeclarations.implementedSpecs(CLASSES)).containsExactly("gateway.yaml");
        assertThat(AccessDeclarations.undeclared(CLASSES, rules)).as("operations without an access declaration").isEmpty();
    }
}
