package org.ecogov.gateway.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Year;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The profile's sections of emissions, enforcement and complaints, each read through its generated client with the caller's own
 * credential: filled with what the service answered, {@code not-permitted} when the service refuses the caller,
 * {@code unavailable} when it fails, the rest of the profile answered either way. The services here are one stand-in
 * that answers by the caller's token and the enterprise, which real services cannot be made to do on demand (their
 * sections with real data, the real services and Keycloak are in deploy/local's GatewayProfileSystemTest).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(value = GatewayTestResource.class, initArgs = @ResourceArg(name = GatewayTestResource.REGISTRY_STOPPED, value = "false"))
@WithTestResource(ProfileSectionsTest.StandInServices.class)
class ProfileSectionsTest {

    /** Emissions and enforcement answer for it. */
    static final String ACME = "91341702669392367N";
    /** Emissions answers 503 for it, every time. */
    static final String FAILING = "91341702630566720G";

    @Test
    void theSectionsHoldWhatEachServiceAnsweredTheCaller() {
        String token = TestTokens.officer("EEB-341702", "341702");
        Response response = given().auth().oauth2(token).header("X-Request-Id", "sections-1")
                .get("/api/v1/enterprises/" + ACME + "/profile");
        response.then().statusCode(200)
                .body("emissions.status", equalTo("available"))
                .body("emissions.latestValues", hasSize(2))
                .body("emissions.latestValues[0].outletCode", equalTo("DA001"))
                .body("emissions.latestValues[0].withinLimit", equalTo(false))
                .body("emissions.latestValues[0].latest.flag.name", equalTo("normal"))
                .body("emissions.latestValues[1].latest", nullValue())
                .body("emissions.openExceedances", hasSize(1))
                .body("emissions.openExceedances[0].maxRatio", equalTo(1.5f))
                .body("emissions.moreOpenExceedances", equalTo(true))
                .body("emissions.annualDischarge.pollutants[0].percentUsed", equalTo(12.5f))
                .body("enforcement.status", equalTo("available"))
                .body("enforcement.inspections[0].kind", equalTo("random"))
                .body("enforcement.moreInspections", equalTo(false))
                .body("enforcement.cases[0].decisions[0].penalty.total", equalTo("3000.00"))
                .body("complaints.status", equalTo("available"))
                .body("complaints.items[0].trackingCode", equalTo("7K3M9QX2RT"))
                .body("complaints.items[0].suspectedEnterprise", equalTo(ACME))
                .body("complaints.moreComplaints", equalTo(false))
                .body("outlets.status", equalTo("available"));
        // each service was asked with the caller's own token, for this request, what the section needs
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/emissions/enterprises/" + ACME + "/latest-values").endsWith("Bearer " + token + " sections-1"));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/emissions/enterprises/" + ACME + "/exceedances?").contains("status=open", "limit=20"));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/emissions/enterprises/" + ACME + "/annual-discharges/" + Year.now().getValue()));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/inspections?").contains("enterpriseUscc=" + ACME).endsWith("Bearer " + token + " sections-1"));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/cases?").contains("enterpriseUscc=" + ACME));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/complaints?").contains("suspectedUscc=" + ACME, "limit=20")
                .endsWith("Bearer " + token + " sections-1"));
    }

    @Test
    void aSectionWhoseServiceRefusesTheCallerIsNotPermittedAndTheRestIsAnswered() {
        // the stand-in complaints refuses reporters the handled list, as the real one does; enforcement refuses a reporter the
        // inspections and cases, and the section shows the decisions it does show them instead
        String token = TestTokens.reporter(ACME);
        given().auth().oauth2(token).header("X-Request-Id", "sections-reporter")
                .get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("enforcement.status", equalTo("available"))
                .body("enforcement.problem", nullValue())
                .body("enforcement.decisions", hasSize(1))
                .body("enforcement.decisions[0].kind", equalTo("fine"))
                .body("enforcement.decisions[0].status", equalTo("issued"))
                .body("enforcement.decisions[0].servedOn", equalTo("2026-11-02"))
                .body("enforcement.moreDecisions", equalTo(true))
                .body("enforcement.inspections", nullValue())
                .body("enforcement.cases", nullValue())
                .body("complaints.status", equalTo("available"))
                .body("complaints.disclosed", hasSize(1))
                .body("emissions.status", equalTo("available"))
                .body("permits.status", equalTo("available"));
        // the decisions were asked of enforcement with the reporter's own token, after it refused the lists
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/decisions?").contains("enterpriseUscc=" + ACME, "limit=20")
                .endsWith("Bearer " + token + " sections-reporter"));
    }

    @Test
    void anOfficialIsNotAskedForTheDecisionsTheCasesAlreadyHold() {
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).header("X-Request-Id", "sections-official")
                .get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("enforcement.status", equalTo("available"))
                .body("enforcement.decisions", nullValue())
                .body("enforcement.moreDecisions", nullValue());
        assertThat(StandInServices.seen).filteredOn(call -> call.endsWith(" sections-official"))
                .anySatisfy(call -> assertThat(call).startsWith("GET /api/v1/cases?"))
                .noneSatisfy(call -> assertThat(call).startsWith("GET /api/v1/decisions"));
    }

    @Test
    void aCallerRefusedTheDecisionsTooIsNotPermittedTheSection() {
        // a registry:read key: enforcement refuses it inspections, cases, decisions and (without enforcement:read or
        // disclosure:read) its disclosure too
        String key = Keys.issue("SECTIONS", "registry:read").getString("key");
        given().header("X-API-Key", key).get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("enforcement.status", equalTo("not-permitted"))
                .body("enforcement.problem.status", equalTo(403))
                .body("enforcement.problem.type", equalTo("/problems/forbidden"))
                .body("enforcement.inspections", nullValue())
                .body("enforcement.cases", nullValue())
                .body("enforcement.decisions", nullValue())
                .body("enforcement.disclosedDecisions", nullValue())
                .body("summary.uscc", equalTo(ACME));
    }

    @Test
    void aKeyWithTheDisclosureScopeGetsTheDisclosedDecisions() {
        String key = Keys.issue("SECTIONS-DISCLOSURE", "registry:read", "disclosure:read").getString("key");
        given().header("X-API-Key", key).header("X-Request-Id", "sections-disclosure")
                .get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("enforcement.status", equalTo("available"))
                .body("enforcement.problem", nullValue())
                .body("enforcement.inspections", nullValue())
                .body("enforcement.cases", nullValue())
                .body("enforcement.decisions", nullValue())
                .body("enforcement.disclosedDecisions", hasSize(1))
                .body("enforcement.disclosedDecisions[0].kind", equalTo("fine"))
                .body("enforcement.disclosedDecisions[0].amount", equalTo("100000.00"))
                .body("enforcement.moreDecisions", equalTo(false));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/disclosed-decisions?").contains("enterpriseUscc=" + ACME, "limit=20")
                .endsWith(" sections-disclosure"));
    }

    @Test
    void aCallerTheHandledComplaintsAreRefusedToGetsTheDisclosedOnes() {
        // the stand-in complaints refuses reporters the handled list, as the real one does; its disclosed view they may read
        given().auth().oauth2(TestTokens.reporter(ACME)).header("X-Request-Id", "sections-disclosed")
                .get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("complaints.status", equalTo("available"))
                .body("complaints.items", nullValue())
                .body("complaints.disclosed", hasSize(1))
                .body("complaints.disclosed[0].category", equalTo("odour"))
                .body("complaints.disclosed[0].place.point.latitude", equalTo(30.941f))
                .body("complaints.disclosed[0].ownerAgency", equalTo("PARK-QJIP"))
                .body("complaints.disclosed[0]", not(hasKey("trackingCode")))
                .body("complaints.moreComplaints", equalTo(true));
        assertThat(StandInServices.seen).anySatisfy(call -> assertThat(call)
                .startsWith("GET /api/v1/complaint-disclosures?").contains("suspectedUscc=" + ACME, "limit=20")
                .endsWith(" sections-disclosed"));
    }

    @Test
    void aCallerRefusedBothComplaintViewsHasTheSectionNotPermitted() {
        // a key: complaints refuses keys the handled list, and its disclosed view to a key without complaints:read
        String key = Keys.issue("SECTIONS-COMPLAINTS", "registry:read").getString("key");
        given().header("X-API-Key", key).get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("complaints.status", equalTo("not-permitted"))
                .body("complaints.problem.status", equalTo(403))
                .body("complaints.items", nullValue())
                .body("complaints.disclosed", nullValue())
                .body("summary.uscc", equalTo(ACME));
        // one with complaints:read gets the disclosed view
        String reader = Keys.issue("SECTIONS-COMPLAINTS-READ", "registry:read", "complaints:read").getString("key");
        given().header("X-API-Key", reader).get("/api/v1/enterprises/" + ACME + "/profile")
                .then().statusCode(200)
                .body("complaints.status", equalTo("available"))
                .body("complaints.items", nullValue())
                .body("complaints.disclosed[0].ownerAgency", equalTo("PARK-QJIP"));
    }

    @Test
    void aFailingServiceLeavesItsSectionUnavailable() {
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get("/api/v1/enterprises/" + FAILING + "/profile")
                .then().statusCode(200)
                .body("emissions.status", equalTo("unavailable"))
                .body("emissions.problem.type", equalTo("/problems/service-unavailable"))
                .body("emissions.latestValues", nullValue())
                .body("enforcement.status", equalTo("available"))
                .body("summary.uscc", equalTo(FAILING));
    }

    /** The registry, emissions and enforcement in one small server, answering by path, token and enterprise. */
    public static class StandInServices implements QuarkusTestResourceLifecycleManager {

        /** "METHOD uri Authorization X-Request-Id" of every call. */
        static final Queue<String> seen = new ConcurrentLinkedQueue<>();
        private static final String AUDIT = "\"audit\":{\"createdAt\":\"2026-01-05T08:00:00Z\",\"createdBy\":\"eeb.officer\","
                + "\"updatedAt\":\"2026-01-05T08:00:00Z\",\"updatedBy\":\"eeb.officer\",\"version\":1}";

        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<HttpServer> server = new AtomicReference<>();
            vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1").onComplete(r -> {
                server.set(r.result());
                started.countDown();
            });
            try {
                started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String url = "http://127.0.0.1:" + server.get().actualPort();
            return Map.of("ecogov.gateway.services.registry.url", url, "ecogov.gateway.services.emissions.url", url,
                    "ecogov.gateway.services.enforcement.url", url, "ecogov.gateway.services.complaints.url", url);
        }

        private void answer(HttpServerRequest request) {
            String authorization = request.getHeader("Authorization");
            seen.add(request.method() + " " + request.uri() + " " + authorization + " " + request.getHeader("X-Request-Id"));
            String path = request.path();
            String uscc = path.startsWith("/api/v1/enterprises/") || path.startsWith("/api/v1/emissions/enterprises/")
                    ? path.replaceFirst("^/api/v1/(emissions/)?enterprises/", "").replaceFirst("/.*", "")
                    : request.getParam("enterpriseUscc") != null ? request.getParam("enterpriseUscc")
                    : request.getParam("suspectedUscc");
            boolean reporter = authorization != null && claims(authorization).contains("enterprise-reporter");
            boolean key = authorization != null && claims(authorization).contains("third-party");
            if (path.equals("/api/v1/enterprises/" + uscc)) {
                json(request, 200, "{\"uscc\":\"" + uscc + "\",\"details\":{\"name\":\"Acme\",\"legalRepresentative\":\"Wang Fang\","
                        + "\"industryCode\":\"C3211\",\"address\":\"1 Smelter Road\",\"divisionCode\":\"341702102\",\"park\":\"QJIP\","
                        + "\"keyMonitored\":true},\"status\":\"operating\",\"usccCheckOverridden\":false," + AUDIT + "}");
            } else if (path.endsWith("/outlets") || path.endsWith("/permits")) {
                json(request, 200, "{\"items\":[]}");
            } else if (path.startsWith("/api/v1/emissions/") && FAILING.equals(uscc)) {
                request.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"/problems/service-unavailable\",\"title\":\"down\",\"status\":503}");
            } else if (path.endsWith("/latest-values")) {
                json(request, 200, "{\"enterpriseUscc\":\"" + uscc + "\",\"since\":\"2026-11-23T00:00:00Z\",\"items\":["
                        + "{\"outletCode\":\"DA001\",\"pollutant\":\"a21026\",\"unit\":\"mg/m3\",\"limitMax\":100,"
                        + "\"latest\":{\"time\":\"2026-11-30T03:00:00Z\",\"avg\":130,\"flag\":{\"code\":\"N\",\"name\":\"normal\"}},"
                        + "\"withinLimit\":false},"
                        + "{\"outletCode\":\"DA002\",\"pollutant\":\"a21026\",\"unit\":\"mg/m3\",\"limitMax\":100}]}");
            } else if (path.endsWith("/exceedances")) {
                json(request, 200, "{\"items\":[{\"id\":\"6f1c3a5e-8f0a-4d7e-9a51-0c2b7f1e9d11\",\"enterpriseUscc\":\"" + uscc
                        + "\",\"outletCode\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"hourly\",\"status\":\"open\","
                        + "\"firstPeriod\":\"2026-11-30T02:00:00Z\",\"lastPeriod\":\"2026-11-30T03:00:00Z\",\"periods\":2,"
                        + "\"maxValue\":150,\"limit\":100,\"maxRatio\":1.5,\"openedAt\":\"2026-11-30T02:05:00Z\"}],"
                        + "\"next\":\"b25l\",\"limit\":20}");
            } else if (path.contains("/annual-discharges/")) {
                json(request, 200, "{\"enterpriseUscc\":\"" + uscc + "\",\"year\":" + Year.now().getValue() + ",\"pollutants\":["
                        + "{\"pollutant\":\"a21026\",\"dischargedTonnes\":5,\"hours\":700,\"permittedTonnes\":40,\"percentUsed\":12.5}]}");
            } else if (path.equals("/api/v1/complaint-disclosures")) {
                if (key && !claims(authorization).contains("complaints:read")) {
                    request.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                            .end("{\"type\":\"/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403}");
                } else {
                    json(request, 200, "{\"items\":[{\"category\":\"odour\",\"place\":{\"point\":{\"latitude\":30.941,\"longitude\":117.802},"
                            + "\"divisionCode\":\"341702102001\"},\"status\":\"accepted\",\"ownerAgency\":\"PARK-QJIP\","
                            + "\"submittedAt\":\"2026-11-29T10:00:00Z\"}],\"next\":\"b25l\",\"limit\":20}");
                }
            } else if (path.equals("/api/v1/complaints") && !reporter && !key) {
                json(request, 200, "{\"items\":[{\"id\":\"c0a80101-0000-4000-8000-000000000001\",\"trackingCode\":\"7K3M9QX2RT\","
                        + "\"category\":\"odour\",\"description\":\"Smell of sulphur by the river\",\"location\":{\"divisionCode\":\"341702102001\"},"
                        + "\"suspectedEnterprise\":\"" + uscc + "\",\"channel\":\"web\",\"status\":\"submitted\","
                        + "\"owner\":{\"agencyCode\":\"PARK-QJIP\",\"since\":\"2026-11-29T10:00:00Z\"},\"deadlines\":{},\"submittedAt\":\"2026-11-29T10:00:00Z\","
                        + "\"routedBy\":\"341702102\",\"reopened\":0,\"complainants\":1," + AUDIT + "}],\"limit\":20}");
            } else if (path.equals("/api/v1/disclosed-decisions")) {
                if (key && !claims(authorization).contains("disclosure:read") && !claims(authorization).contains("enforcement:read")) {
                    request.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                            .end("{\"type\":\"/problems/insufficient-scope\",\"title\":\"Insufficient scope\",\"status\":403}");
                } else {
                    json(request, 200, "{\"items\":[{\"decisionId\":\"dec-2\",\"enterpriseUscc\":\"" + uscc
                            + "\",\"enterpriseName\":\"Acme\",\"kind\":\"fine\",\"status\":\"issued\",\"violations\":[],"
                            + "\"amount\":\"100000.00\",\"servedOn\":\"2026-11-02\"}],\"limit\":20}");
                }
            } else if (path.equals("/api/v1/decisions") && key) {
                request.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"/problems/insufficient-scope\",\"title\":\"Insufficient scope\",\"status\":403}");
            } else if (path.equals("/api/v1/decisions")) {
                json(request, 200, "{\"items\":[{\"id\":\"dec-2\",\"caseId\":\"case-1\",\"enterpriseUscc\":\"" + uscc
                        + "\",\"kind\":\"fine\",\"status\":\"issued\",\"amount\":\"100000.00\",\"servedOn\":\"2026-11-02\","
                        + "\"description\":\"Fine for the exceedance\"," + AUDIT + "}],\"next\":\"b25l\",\"limit\":20}");
            } else if (path.equals("/api/v1/inspections") || path.equals("/api/v1/cases") || path.equals("/api/v1/complaints")) {
                if (reporter || key) {
                    request.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                            .end("{\"type\":\"/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"not for reporters\"}");
                } else if (path.equals("/api/v1/inspections")) {
                    json(request, 200, "{\"items\":[{\"id\":\"insp-1\",\"kind\":\"random\",\"enterpriseUscc\":\"" + uscc
                            + "\",\"enterpriseName\":\"Acme\",\"divisionCode\":\"341702102\",\"inspectors\":[\"inspector.li\",\"inspector.wu\"],"
                            + "\"status\":\"completed\",\"checklist\":[],\"findings\":[]," + AUDIT + "}],\"limit\":20}");
                } else {
                    json(request, 200, "{\"items\":[{\"id\":\"case-1\",\"enterpriseUscc\":\"" + uscc + "\",\"enterpriseName\":\"Acme\","
                            + "\"divisionCode\":\"341702102\",\"status\":\"open\",\"violations\":[],\"decisions\":[{\"id\":\"dec-1\","
                            + "\"caseId\":\"case-1\",\"enterpriseUscc\":\"" + uscc + "\",\"kind\":\"daily-continuing-penalty\",\"status\":\"issued\","
                            + "\"description\":\"Continuing violation\",\"penalty\":{\"total\":\"3000.00\"}," + AUDIT + "}]," + AUDIT
                            + "}],\"limit\":20}");
                }
            } else {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404}");
            }
        }

        private static String claims(String authorization) {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            return parts.length < 2 ? "" : new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        }

        private static void json(HttpServerRequest request, int status, String body) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
        }

        @Override
        public void stop() {
            vertx.close();
        }
    }
}
