package org.ecogov.registry.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecogov.registry.domain.EnterpriseStatus.CLOSED;
import static org.ecogov.registry.domain.EnterpriseStatus.OPERATING;
import static org.ecogov.registry.domain.EnterpriseStatus.SUSPENDED;

/** The status rule on its own: operating ⇄ suspended, either → closed, closed is final, no change to itself. */
class EnterpriseStatusTest {

    @Test
    void operatingMaySuspendOrClose() {
        assertThat(OPERATING.successors()).containsExactlyInAnyOrder(SUSPENDED, CLOSED);
    }

    @Test
    void suspendedMayReopenOrClose() {
        assertThat(SUSPENDED.successors()).containsExactlyInAnyOrder(OPERATING, CLOSED);
    }

    @Test
    void closedIsFinal() {
        assertThat(CLOSED.successors()).isEmpty();
        for (EnterpriseStatus next : EnterpriseStatus.values()) {
            assertThat(CLOSED.canBecome(next)).as("closed -> " + next).isFalse();
        }
    }

    @Test
    void noStatusBecomesItself() {
        for (EnterpriseStatus status : EnterpriseStatus.values()) {
            assertThat(status.canBecome(status)).as(status.value()).isFalse();
        }
    }

    @Test
    void statusesAreReadByTheirContractNames() {
        assertThat(EnterpriseStatus.of("suspended")).isEqualTo(SUSPENDED);
        assertThatThrownBy(() -> EnterpriseStatus.of("dormant")).isInstanceOf(IllegalArgumentException.class);
    }
}
