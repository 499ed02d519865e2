package org.ecogov.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecogov.runtime.security.Caller;
import org.junit.jupiter.api.Test;

class SystemActorsTest {

    @Test
    void anEventIsNamedByItsTypeAndIdAndSeesNothing() {
        Caller event = SystemActors.event("emissions-service", "org.ecogov.registry.permit.amended.v1",
                "68aaae34-b636-459e-af10-62c0f1be0284");
        assertThat(event.actor()).isEqualTo("event:org.ecogov.registry.permit.amended.v1/68aaae34-b636-459e-af10-62c0f1be0284");
        assertThat(event.subject()).isEqualTo("event:68aaae34-b636-459e-af10-62c0f1be0284");
        assertThat(event.clientId()).isEqualTo("emissions-service");
        assertThat(event.roles()).isEmpty();
        assertThat(event.isPlatformAdmin()).isFalse();
        assertThat(event.isThirdParty()).isFalse();
        assertThat(event.canSee("341702")).isFalse();
    }

    @Test
    void aTaskIsNamedByItsNameAndAnOverlongEventNameIsCutToTheAuditColumn() {
        assertThat(SystemActors.task("complaints-service", "closing").actor()).isEqualTo("task:closing");
        assertThat(SystemActors.event("x", "t".repeat(300), "id").actor()).hasSize(200).startsWith("event:ttt");
    }
}
