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
        circuit.tryEnter("a caller").failed();
        circuit.tryEnter("a caller").failed();
        circuit.tryEnter("a caller").succeeded();
        circuit.tryEnter("a caller").failed();
        circuit.tryEnter("a caller").failed();
        Circuit.Exchange third = circuit.tryEnter("a caller");
        assertThat(third).as("two failures after a success do not open it").isNotNull();
        third.failed();
        assertThat(circuit.state()).isEqualTo("open");
        assertThat(circuit.tryEnter("a caller")).isNull();
        assertThat(circuit.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void letsOneTrialThroughWhenTheOpenPeriodEndsAndClosesOnItsSuccess() throws InterruptedException {
        Circuit circuit = opened(Duration.ofMillis(200));
        Thread.sleep(300);
        Circuit.Exchange trial = circuit.tryEnter("a caller");
        assertThat(trial).isNotNull();
        assertThat(circuit.tryEnter("a caller")).as("only one trial at a time").isNull();
        trial.succeeded();
        assertThat(circuit.state()).isEqualTo("closed");
        assertThat(circuit.tryEnter("a caller")).isNotNull();
    }

    @Test
    void aFailedTrialOpensItAgainAtOnce() throws InterruptedException {
        Circuit circuit = opened(Duration.ofMillis(200));
        Thread.sleep(300);
        circuit.tryEnter("a caller").failed();
        assertThat(circuit.state()).isEqualTo("open");
        assertThat(circuit.tryEnter("a caller")).isNull();
    }

    @Test
    void oneCallersDeadlineExpiriesCountOnce() {
        Circuit circuit = new Circuit("test", 3, Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            circuit.tryEnter("crafty").timedOut();
        }
        assertThat(circuit.state()).isEqualTo("closed");
        circuit.tryEnter("second").timedOut();
        assertThat(circuit.state()).as("two callers' expiries are two failures").isEqualTo("closed");
        circuit.tryEnter("third").timedOut();
        assertThat(circuit.state()).as("three callers' are three").isEqualTo("open");
    }

    @Test
    void aSuccessEndsTheRunOfFailuresAndWhatWasCounted() {
        Circuit circuit = new Circuit("test", 2, Duration.ofSeconds(10));
        circuit.tryEnter("crafty").timedOut();
        circuit.tryEnter("someone").succeeded();
        circuit.tryEnter("crafty").timedOut();
        assertThat(circuit.state()).isEqualTo("closed");
        circuit.tryEnter("crafty").failed();
        assertThat(circuit.state()).as("a refusal always counts").isEqualTo("open");
    }

    @Test
    void aLoneCallersExpiriesCountAgainOnceTheOpenPeriodHasPassed() throws InterruptedException {
        Circuit circuit = new Circuit("test", 2, Duration.ofMillis(200));
        circuit.tryEnter("the only caller").timedOut();
        circuit.tryEnter("the only caller").timedOut();
        assertThat(circuit.state()).isEqualTo("closed");
        Thread.sleep(250);
        circuit.tryEnter("the only caller").timedOut();
        assertThat(circuit.state()).as("a service that keeps its one caller waiting is cut off in the end")
                .isEqualTo("open");
    }

    @Test
    void aTrialThatTimesOutOpensItAgain() throws InterruptedException {
        Circuit circuit = opened(Duration.ofMillis(200));
        Thread.sleep(300);
        Circuit.Exchange trial = circuit.tryEnter("a caller");
        assertThat(trial).isNotNull();
        trial.timedOut();
        assertThat(circuit.state()).isEqualTo("open");
    }

    private static Circuit opened(Duration openFor) {
        Circuit circuit = new Circuit("test", 3, openFor);
        for (int i = 0; i < 3; i++) {
            circuit.tryEnter("a caller").failed();
        }
        assertThat(circuit.tryEnter("a caller")).isNull();
        return circuit;
    }
}
