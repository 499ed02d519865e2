package org.ecogov.clients.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import jakarta.inject.Inject;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.generated.model.Enterprise;
import org.ecogov.clients.registry.generated.model.EnterprisePage;
import org.ecogov.runtime.security.Credential;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.WithTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What RegistryClient does with the registry's answers, through its generated client and its SmallRye Fault
 * Tolerance guard (timeout 2 s, one retry after 50 ms, circuit open after 3 consecutive failures for 1 s).
 */
@QuarkusTest
@WithTestResource(FaultScriptedRegistry.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Credential PERSON = Credential.bearer("the-callers-token");

    @Inject
    RegistryClient registry;
    @Inject
    CircuitBreakerMaintenance breakers;

    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            // the first call of a fresh JVM loads the client's classes and may outlast the 2 s timeout on a busy
            // machine: not what is under test
            registry.outlets(PERSON, FaultScriptedRegistry.USCC).onFailure().recoverWithNull().await().atMost(WAIT);
            warm = true;
        }
        // each test starts with a closed circuit (it is named after the service)
        breakers.reset(RegistryClient.SERVICE);
        FaultScriptedRegistry.script.clear();
        FaultScriptedRegistry.requests.set(0);
    }

    @Test
    @Order(1)
    void theCallCarriesTheCredentialAndTheRequestIdAndReadsTheRecordIgnoringUnknownMembers() {
        MDC.put("requestId", "req-42");
        Enterprise enterprise;
        try {
            enterprise = registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT);
        } finally {
            MDC.remove("requestId");
        }
        assertThat(enterprise.getUscc()).isEqualTo(FaultScriptedRegistry.USCC);
        assertThat(enterprise.getDetails().getName()).isEqualTo("Acme");
        assertThat(FaultScriptedRegistry.lastAuthorization.get()).isEqualTo("Bearer the-callers-token");
        assertThat(FaultScriptedRegistry.lastRequestId.get()).isEqualTo("req-42");
    }

    @Test
    @Order(2)
    void aPageOfEnterprisesIsAskedForWithItsFiltersAndReadWithItsCursor() {
        FaultScriptedRegistry.script.add(FaultScriptedRegistry.Answer.of(200, "{\"items\":[" + FaultScriptedRegistry.RECORD + "],"
                + "\"next\":\"c2\",\"limit\":1}"));
        EnterprisePage page = registry.enterprises(PERSON, "341702", "c1", 1).await().atMost(WAIT);
        assertThat(page.getItems()).extracting(Enterprise::getUscc).containsExactly(FaultScriptedRegistry.USCC);
        assertThat(page.getNext()).isEqualTo("c2");
        assertThat(FaultScriptedRegistry.lastUri.get()).startsWith("/api/v1/enterprises?")
                .contains("divisionCode=341702", "cursor=c1", "limit=1");
    }

    @Test
    @Order(2)
    void aReadThatFindsTheRegistryFailingIsTriedOnceMore() {
        FaultScriptedRegistry.script.add(FaultScriptedRegistry.Answer.of(503, "{\"title\":\"down\",\"status\":503}"));
        Enterprise enterprise = registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT);
        assertThat(enterprise.getUscc()).isEqualTo(FaultScriptedRegistry.USCC);
        assertThat(FaultScriptedRegistry.requests.get()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void notFoundAndRefusedAreAnswersNotFailuresAndAreNotRetried() {
        FaultScriptedRegistry.script.add(FaultScriptedRegistry.Answer.of(404, "{\"title\":\"No such enterprise\",\"status\":404,"
                + "\"detail\":\"no enterprise in your scope\"}"));
        ServiceCallException notFound = failure(() -> registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        assertThat(notFound.kind()).isEqualTo(ServiceCallException.Kind.NOT_FOUND);
        assertThat(notFound.detail()).contains("no enterprise in your scope");

        FaultScriptedRegistry.script.add(FaultScriptedRegistry.Answer.of(403, "{\"title\":\"Forbidden\",\"status\":403}"));
        ServiceCallException refused = failure(() -> registry.permits(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        assertThat(refused.kind()).isEqualTo(ServiceCallException.Kind.REFUSED);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(FaultScriptedRegistry.requests.get()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aSlowAnswerTimesOutAndIsNotTriedAgain() {
        FaultScriptedRegistry.script.add(new FaultScriptedRegistry.Answer(200, "{\"items\":[]}", 4000));
        long start = System.nanoTime();
        ServiceCallException slow = failure(() -> registry.outlets(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(slow.kind()).isEqualTo(ServiceCallException.Kind.TIMED_OUT);
        assertThat(millis).isBetween(1950L, 3900L);
        assertThat(FaultScriptedRegistry.requests.get()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void consecutiveFailuresOpenTheCircuitWhichThenRefusesAtOnceAndLetsOneTrialCloseIt() throws InterruptedException {
        // three failures: the first read's and its retry's, then the second read's, which opens the circuit (its
        // retry then finds it open)
        for (int i = 0; i < 3; i++) {
            FaultScriptedRegistry.script.add(FaultScriptedRegistry.Answer.of(503, "{\"title\":\"down\",\"status\":503}"));
        }
        failure(() -> registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        ServiceCallException opened = failure(() -> registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        assertThat(opened.kind()).isIn(ServiceCallException.Kind.FAILING, ServiceCallException.Kind.CIRCUIT_OPEN);
        int reached = FaultScriptedRegistry.requests.get();

        long start = System.nanoTime();
        ServiceCallException open = failure(() -> registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT));
        assertThat(open.kind()).isEqualTo(ServiceCallException.Kind.CIRCUIT_OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(200);
        assertThat(FaultScriptedRegistry.requests.get()).as("an open circuit calls nobody").isEqualTo(reached);

        Thread.sleep(1200);
        assertThat(registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT).getUscc())
                .isEqualTo(FaultScriptedRegistry.USCC);
        assertThat(registry.enterprise(PERSON, FaultScriptedRegistry.USCC).await().atMost(WAIT).getUscc())
                .as("the trial closed it").isEqualTo(FaultScriptedRegistry.USCC);
    }

    private static ServiceCallException failure(Runnable call) {
        ServiceCallException failure = catchThrowableOfType(ServiceCallException.class, call::run);
        assertThat(failure).as("a ServiceCallException").isNotNull();
        return failure;
    }
}
