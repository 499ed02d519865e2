package org.ecogov.complaints.rest;

import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.runtime.access.AccessRule;
import org.ecogov.testing.AccessDeclarations;
import org.ecogov.testing.Contracts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of every spec this module implements names one of the complaints service's access rules on the method
 * that implements it (services/testing's AccessDeclarations walks the specs): a forgotten declaration fails here.
 */
class AccessDeclarationTest {

    private static final Path CLASSES = Contracts.root().resolve("services/complaints/target/classes");

    @Test
    void everyOperationDeclaresARuleTheServiceDefines() {
        Set<String> rules = ComplaintsAccess.RULES.stream().map(AccessRule::name).collect(Collectors.toSet());
        assertThat(AccessDeclarations.implementedSpecs(CLASSES)).containsExactly("complaints.yaml");
        assertThat(AccessDeclarations.undeclared(CLASSES, rules)).as("operations without an access declaration").isEmpty();
    }
}
