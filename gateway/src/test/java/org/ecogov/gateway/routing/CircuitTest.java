package org.ecogov.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The proxy's circuit (SmallRye Fault Tolerance's breaker) keeps the gateway's documented behaviour. A Quarkus test
 * (with ProxyRouteTest's resources, so the same application serves both) because the fault-tolerance guards are
 * built by the application's SmallRye Fault Tolerance.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class CircuitTest {

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndRefusesAtOnce() {
        Circuit circuit = new Circuit("test", 3, Duration.ofSeconds(10));
        circuit.tryEnter().failed();
        circuit.tryEnter().failed();
        circuit.tryEnter().succeeded();
        circuit.tryEnter().failed();
        circuit.tryEnter().failed();
        Circuit.Exchange third = circuit.tryEnter();
        assertThat(third).as("two failures after a success do not open it").isNotNull();
        third.failed();
        assertThat(circuit.state()).isEqualTo("open");
        assertThat(circuit.tryEnter()).isNull();
        assertThat(circuit.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void letsOneTrialThroughWhenTheOpenPeriodEndsAndClosesOnItsSuccess() throws InterruptedException {
        Circuit circuit = opened(Duration.ofMillis(200));
        Thread.sleep(300);
        Circuit.Exchange trial = circuit.tryEnter();
        assertThat(trial).isNotNull();
        assertThat(circuit.tryEnter()).as("only one trial at a time").isNull();
        trial.succeeded();
        assertThat(circuit.state()).isEqualTo("closed");
        assertThat(circuit.tryEnter()).isNotNull();
    }

    @Test
    void aFailedTrialOpensItAgainAtOnce() throws InterruptedException {
        Circuit circuit = opened(Duration.ofMillis(200));
        Thread.sleep(300);
        circuit.tryEnter().failed();
        assertThat(circuit.state()).isEqualTo("open");
        assertThat(circuit.tryEnter()).isNull();
    }

    private static Circuit opened(Duration openFor) {
        Circuit circuit = new Circuit("test", 3, openFor);
        for (int i = 0; i < 3; i++) {
            circuit.tryEnter().failed();
        }
        assertThat(circuit.tryEnter()).isNull();
        return circuit;
    }
}
