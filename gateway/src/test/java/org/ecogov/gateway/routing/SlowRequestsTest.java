package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One caller's slow requests cannot take a service from everyone (issue 9: crafted requests held the registry, and
 * their 504s opened the gateway's circuit for every caller). A request holds a service no longer than its route's
 * deadline, whatever it does: wait for an answer (ProxyRouteTest), read a trickling answer, or keep sending a body the
 * service has already answered. A burst of requests that time out for one caller does not open the circuit; the same
 * number of callers timing out does, as a service that stopped answering must.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class SlowRequestsTest {

    /** The echo route's deadline (TestUpstream), ms. */
    private static final long DEADLINE = 1_000;
    /** Beyond the deadline, how late the gateway may be in letting go on a loaded machine, ms. */
    private static final long GRACE = 1_500;

    @TestHTTPResource("/")
    URI gateway;

    private static String caller(String name) {
        return TestTokens.builder().username(name).roles("agency-officer").agency("EEB-341702").jurisdiction("341702")
                .sign();
    }

    @Test
    void aTricklingAnswerHoldsTheServiceNoLongerThanTheDeadline() throws Exception {
        TestUpstream.held = new CompletableFuture<>();
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient();
            CompletableFuture<Integer> status = client.request(new RequestOptions().setMethod(HttpMethod.GET)
                            .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI("/api/v1/trickle/x")
                            .putHeader("Authorization", "Bearer " + caller("trickle.reader")))
                    .compose(HttpClientRequest::send)
                    .map(answer -> answer.statusCode())
                    .toCompletionStage().toCompletableFuture();
            assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            long held = TestUpstream.held.get(DEADLINE + GRACE + 3_000, TimeUnit.MILLISECONDS);
            assertThat(held).as("ms the gateway kept the service's connection").isBetween(DEADLINE - 100, DEADLINE + GRACE);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aBodyStillTricklingAfterTheAnswerHoldsTheServiceNoLongerThanTheDeadline() throws Exception {
        TestUpstream.held = new CompletableFuture<>();
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient();
            HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                            .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI("/api/v1/early/x")
                            .putHeader("Authorization", "Bearer " + caller("slow.sender"))
                            .putHeader("Content-Type", "application/octet-stream"))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            request.setChunked(true);
            CompletableFuture<Integer> status = request.response().map(answer -> answer.statusCode())
                    .toCompletionStage().toCompletableFuture();
            request.write(Buffer.buffer("x"));
            long sending = vertx.setPeriodic(100, t -> request.write(Buffer.buffer("x")));
            assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(200);
            long held = TestUpstream.held.get(DEADLINE + GRACE + 3_000, TimeUnit.MILLISECONDS);
            vertx.cancelTimer(sending);
            assertThat(held).as("ms the gateway kept the service's connection").isBetween(DEADLINE - 100, DEADLINE + GRACE);
        } finally {
            vertx.close();
        }
    }

    @Test
    void aBurstOfSlowRequestsFromOneCallerDoesNotOpenTheCircuitForOthers() throws Exception {
        String crafty = caller("crafty.officer");
        ExecutorService burst = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(crafty)
                        .get("/api/v1/guarded/crafted?ms=3000").statusCode(), burst));
            }
            for (CompletableFuture<Integer> request : slow) {
                assertThat(request.get(10, TimeUnit.SECONDS)).isEqualTo(504);
            }
            // the guarded route opens after three failures: one caller's eight expiries were one
            given().auth().oauth2(crafty).get("/api/v1/guarded/crafted?ms=3000").then().statusCode(504)
                    .body("type", equalTo("/problems/service-timeout"));
            given().auth().oauth2(caller("another.officer")).get("/api/v1/guarded/x").then().statusCode(200);
            given().auth().oauth2(crafty).get("/api/v1/guarded/x").then().statusCode(200);
        } finally {
            burst.shutdownNow();
        }

        // a service that keeps everyone waiting is cut off all the same: three callers' expiries open the circuit
        for (String name : List.of("first.officer", "second.officer", "third.officer")) {
            given().auth().oauth2(caller(name)).get("/api/v1/guarded/hung?ms=3000").then().statusCode(504);
        }
        long before = TestUpstream.requests.get();
        given().auth().oauth2(caller("fourth.officer")).get("/api/v1/guarded/x").then().statusCode(503)
                .body("type", equalTo("/problems/service-unavailable"));
        assertThat(TestUpstream.requests.get()).isEqualTo(before);
    }
}
