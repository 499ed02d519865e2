package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ecogov.testing.Contracts;
import org.ecogov.registry.Database;
import org.ecogov.runtime.security.Roles;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * Third parties: an organisation's API key, presented at the gateway, reaches the registry as a token the
 * gateway signed (role third-party, the key's scopes). The registry holds it to those scopes itself: with
 * registry:read or disclosure:read it reads the registry everywhere, and nothing else; every refusal is 403
 * insufficient-scope naming the scope that would be needed. Identity is never taken from a plain header.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class ThirdPartyAccessTest {

    /** Dongzhi County: no official of the tests has jurisdiction there. */
    private static final String DONGZHI = "341721";
    private static final String OUTLET = "DA001";

    private static final String READER = TestTokens.thirdParty("GREENWATCH", "registry:read");
    private static final String DISCLOSURE_READER = TestTokens.thirdParty("RIVERWATCH", "disclosure:read");
    private static final String EMISSIONS_ONLY = TestTokens.thirdParty("GREENWATCH", "emissions:read", "emissions:write");
    private static final String NO_SCOPES = TestTokens.thirdParty("GREENWATCH");

    private static String uscc;
    private static String permitNumber;

    @BeforeEach
    void world() {
        ensureWorld();
        synchronized (ThirdPartyAccessTest.class) {
            if (uscc != null) {
                return;
            }
            int status = as(ADMIN).body(Map.of("code", DONGZHI, "name", "Dongzhi County", "parentCode", "341700"))
                    .post("/api/v1/divisions").statusCode();
            assertThat(status).isIn(201, 409);
            String registered = enterpriseIn(DONGZHI);
            as(ADMIN).body(airOutlet(OUTLET)).post("/api/v1/enterprises/" + registered + "/outlets").then().statusCode(201);
            permitNumber = registered + "001P";
            as(ADMIN).body(permit(permitNumber, "2026-01-01", "2030-12-31", List.of(OUTLET)))
                    .post("/api/v1/enterprises/" + registered + "/permits").then().statusCode(201);
            as(ADMIN).body(Map.of("agencyCode", EEB)).put("/api/v1/responsibilities/water/" + DISTRICT).then().statusCode(200);
            uscc = registered;
        }
    }

    // ---- what a third party may read --------------------------------------------------------------------------

    @Test
    void registryReadListsAndReadsEnterprisesOutletsAndPermitsOutsideAnyJurisdiction() {
        as(READER).queryParam("divisionCode", DONGZHI).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .statusCode(200)
                .body("items.uscc", hasItem(uscc))
                .body("items.details.divisionCode", everyItem(is(DONGZHI)));
        as(READER).get("/api/v1/enterprises/" + uscc).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("uscc", is(uscc))
                .body("details.divisionCode", is(DONGZHI));
        as(READER).get("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(200)
                .body("items.code", contains(OUTLET));
        as(READER).get("/api/v1/enterprises/" + uscc + "/outlets/" + OUTLET).then().statusCode(200)
                .body("details.pollutants.pollutant", hasItem("a21026"));
        as(READER).get("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(200)
                .body("items.number", contains(permitNumber));
        as(READER).get("/api/v1/enterprises/" + uscc + "/permits/" + permitNumber).then().statusCode(200)
                .body("outletCodes", contains(OUTLET));

        // and inside a jurisdiction too: place decides nothing for a third party
        String inTownA = enterpriseIn(TOWN_A);
        as(READER).get("/api/v1/enterprises/" + inTownA).then().statusCode(200);
        // whereas the district's own officer does not see Dongzhi
        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc).then().statusCode(404);
    }

    @Test
    void disclosureReadAlsoReads() {
        as(DISCLOSURE_READER).get("/api/v1/enterprises/" + uscc).then().statusCode(200).body("uscc", is(uscc));
        as(DISCLOSURE_READER).queryParam("divisionCode", DONGZHI).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.uscc", hasItem(uscc));
        as(DISCLOSURE_READER).get("/api/v1/enterprises/" + uscc + "/outlets/" + OUTLET).then().statusCode(200);
        as(DISCLOSURE_READER).get("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(200)
                .body("items.number", contains(permitNumber));
    }

    @Test
    void aMissingEnterpriseIsStill404() {
        as(READER).get("/api/v1/enterprises/" + newUscc()).then().statusCode(404)
                .body("type", is("/problems/enterprise-not-found"));
    }

    @Test
    void whoLeadsAndTheReferenceListsAreReadable() {
        as(READER).get("/api/v1/agencies/" + EEB).then().statusCode(200).body("details.jurisdiction", is(DISTRICT));
        as(READER).queryParam("matterType", "water").queryParam("divisionCode", TOWN_A).get("/api/v1/lead-agencies")
                .then().statusCode(200).body("agency.code", is(EEB));
        as(DISCLOSURE_READER).get("/api/v1/pollutants").then().statusCode(200).body("items", hasSize(10));
        as(DISCLOSURE_READER).get("/api/v1/divisions/" + DONGZHI).then().statusCode(200).body("name", is("Dongzhi County"));
    }

    // ---- every operation of the contract, classified ----------------------------------------------------------

    private enum Kind { READ, WRITE, HISTORY, AUDIT, WITNESS }

    private record Operation(Kind kind, Function<RequestSpecification, Response> call) {
    }

    /** Every operation of api-specs/registry.yaml, with a request that would succeed for a platform-admin. */
    private static Map<String, Operation> operations() {
        String enterprise = "/api/v1/enterprises/" + uscc;
        Map<String, Object> outletDetails = new HashMap<>(castMap(airOutlet(OUTLET).get("details")));
        outletDetails.put("name", "Renamed stack");
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("listEnterprises", read(r -> r.get("/api/v1/enterprises")));
        ops.put("getEnterprise", read(r -> r.get(enterprise)));
        ops.put("listOutlets", read(r -> r.get(enterprise + "/outlets")));
        ops.put("getOutlet", read(r -> r.get(enterprise + "/outlets/" + OUTLET)));
        ops.put("listPermits", read(r -> r.get(enterprise + "/permits")));
        ops.put("getPermit", read(r -> r.get(enterprise + "/permits/" + permitNumber)));
        ops.put("listAgencies", read(r -> r.get("/api/v1/agencies")));
        ops.put("getAgency", read(r -> r.get("/api/v1/agencies/" + EEB)));
        ops.put("listDivisions", read(r -> r.get("/api/v1/divisions")));
        ops.put("getDivision", read(r -> r.get("/api/v1/divisions/" + DISTRICT)));
        ops.put("listResponsibilities", read(r -> r.get("/api/v1/responsibilities")));
        ops.put("findLeadAgency", read(r -> r.queryParam("matterType", "water").queryParam("divisionCode", TOWN_A)
                .get("/api/v1/lead-agencies")));
        ops.put("listPollutants", read(r -> r.get("/api/v1/pollutants")));

        ops.put("createEnterprise", write(r -> r.body(Map.of("uscc", newUscc(), "details", details("Key Corp", DONGZHI)))
                .post("/api/v1/enterprises")));
        ops.put("updateEnterprise", write(r -> r.header("If-Match", "\"1\"")
                .body(Map.of("details", details("Renamed by a key", DONGZHI))).put(enterprise)));
        ops.put("changeEnterpriseStatus", write(r -> r.header("If-Match", "\"1\"")
                .body(Map.of("status", "suspended", "reason", "Suspended by a key")).post(enterprise + "/status-changes")));
        ops.put("createOutlet", write(r -> r.body(airOutlet("DA009")).post(enterprise + "/outlets")));
        ops.put("updateOutlet", write(r -> r.header("If-Match", "\"1\"").body(Map.of("details", outletDetails))
                .put(enterprise + "/outlets/" + OUTLET)));
        ops.put("createPermit", write(r -> r.body(permit(uscc + "009P", "2031-01-01", "2031-12-31", List.of(OUTLET)))
                .post(enterprise + "/permits")));
        ops.put("amendPermit", write(r -> r.header("If-Match", "\"1\"")
                .body(amendment("2026-01-01", "2031-12-31", List.of(OUTLET), "Amended by a key"))
                .put(enterprise + "/permits/" + permitNumber)));
        ops.put("revokePermit", write(r -> r.header("If-Match", "\"1\"").body(Map.of("reason", "Revoked by a key"))
                .post(enterprise + "/permits/" + permitNumber + "/revocation")));
        ops.put("createAgency", write(r -> r.body(Map.of("code", "KEY-1", "details",
                Map.of("name", "Key Agency", "kind", "other", "jurisdiction", DISTRICT))).post("/api/v1/agencies")));
        ops.put("updateAgency", write(r -> r.header("If-Match", "\"1\"").body(Map.of("details",
                Map.of("name", "Renamed by a key", "kind", "ecology-environment-bureau", "jurisdiction", DISTRICT)))
                .put("/api/v1/agencies/" + EEB)));
        ops.put("createDivision", write(r -> r.body(Map.of("code", "341721100", "name", "Key Town", "parentCode", DONGZHI))
                .post("/api/v1/divisions")));
        ops.put("assignResponsibility", write(r -> r.body(Map.of("agencyCode", EEB)).put("/api/v1/responsibilities/air/" + DISTRICT)));

        ops.put("listEnterpriseVersions", new Operation(Kind.HISTORY, r -> r.get(enterprise + "/versions")));
        ops.put("listPermitVersions", new Operation(Kind.HISTORY, r -> r.get(enterprise + "/permits/" + permitNumber
                + "/versions")));
        ops.put("listAuditEntries", new Operation(Kind.AUDIT, r -> r.get("/api/v1/registry/audit-entries")));
        ops.put("verifyAuditChain", new Operation(Kind.AUDIT, r -> r.get("/api/v1/registry/audit-entries/verification")));
        ops.put("listAuditCheckpoints", new Operation(Kind.WITNESS, r -> r.get("/api/v1/registry/audit-checkpoints/gateway")));
        ops.put("getAuditCheckpointHead", new Operation(Kind.WITNESS, r -> r.get("/api/v1/registry/audit-checkpoints/gateway/head")));
        return ops;
    }

    private static Operation read(Function<RequestSpecification, Response> call) {
        return new Operation(Kind.READ, call);
    }

    private static Operation write(Function<RequestSpecification, Response> call) {
        return new Operation(Kind.WRITE, call);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    @Test
    void everyOperationOfTheContractIsClassifiedHere() {
        Set<String> contract = new TreeSet<>();
        Contracts.spec("registry.yaml").getPaths().values()
                .forEach(item -> item.readOperations().forEach(op -> contract.add(op.getOperationId())));
        assertThat(new TreeSet<>(operations().keySet())).isEqualTo(contract);
    }

    /**
     * The contract tells integrators which operations an API key reaches through the gateway
     * ({@code x-ecogov-third-party-scopes}, which the gateway's document turns into the apiKey scheme): exactly
     * the reads answered below, each with scopes the registry honours there.
     */
    @Test
    void theContractListsThirdPartyScopesOnExactlyTheReadsAndOnlyScopesThatOpenThem() {
        Map<String, List<?>> declared = new TreeMap<>();
        Contracts.spec("registry.yaml").getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            Object scopes = op.getExtensions() == null ? null : op.getExtensions().get("x-ecogov-third-party-scopes");
            if (scopes != null) {
                declared.put(op.getOperationId(), (List<?>) scopes);
            }
        }));
        Set<String> reads = new TreeSet<>();
        operations().forEach((id, op) -> {
            if (op.kind() == Kind.READ) {
                reads.add(id);
            }
        });
        assertThat(declared.keySet()).isEqualTo(reads);
        // the reads below answer a token with either scope
        declared.forEach((id, scopes) -> assertThat(scopes).as(id).isNotEmpty()
                .allSatisfy(scope -> assertThat(scope).isIn("registry:read", "disclosure:read")));
    }

    @Test
    void withARegistryReadingScopeEveryReadAnswersAndNothingElseDoes() {
        Map<String, Long> before = Database.rowCounts();
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(READER, DISCLOSURE_READER)) {
            operations().forEach((id, op) -> {
                Response response = op.call().apply(as(token));
                String expectedScope = switch (op.kind()) {
                    case READ -> null;
                    case WRITE -> "registry:write";
                    case HISTORY -> "registry:history";
                    case AUDIT -> "registry:audit";
                    case WITNESS -> "audit:checkpoints";
                };
                if (expectedScope == null ? response.statusCode() != 200 : !refusedFor(response, expectedScope)) {
                    wrong.add(id + " -> " + response.statusCode() + " " + response.asString());
                }
            });
        }
        assertThat(wrong).as("operations that did not answer a third party as its scopes say").isEmpty();
        assertThat(Database.rowCounts()).as("nothing written by a third party").isEqualTo(before);
    }

    @Test
    void withoutARegistryReadingScopeEvenReadsAreRefusedNamingRegistryRead() {
        Map<String, Long> before = Database.rowCounts();
        List<String> wrong = new ArrayList<>();
        for (String token : List.of(EMISSIONS_ONLY, NO_SCOPES)) {
            operations().forEach((id, op) -> {
                if (op.kind() != Kind.READ) {
                    return;
                }
                Response response = op.call().apply(as(token));
                if (!refusedFor(response, "registry:read")) {
                    wrong.add(id + " -> " + response.statusCode() + " " + response.asString());
                }
            });
        }
        assertThat(wrong).as("reads that did not refuse a key without a registry scope").isEmpty();
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    private static boolean refusedFor(Response response, String scope) {
        String detail = response.path("detail");
        return response.statusCode() == 403
                && response.getContentType().startsWith("application/problem+json")
                && "/problems/insufficient-scope".equals(response.path("type"))
                && detail != null && detail.contains(scope);
    }

    @Test
    void aWriteIsRefusedNamingRegistryWrite() {
        as(READER).body(Map.of("uscc", newUscc(), "details", details("Key Corp", DONGZHI))).post("/api/v1/enterprises")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("/problems/insufficient-scope"))
                .body("detail", is("Changing the registry needs the scope registry:write, which no API key can be granted."));
    }

    @Test
    void noScopeIsRefusedNamingRegistryRead() {
        as(NO_SCOPES).get("/api/v1/enterprises/" + uscc).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("/problems/insufficient-scope"))
                .body("detail", is("Reading the registry needs the scope registry:read (or disclosure:read)."))
                .body("instance", is("/api/v1/enterprises/" + uscc));
    }

    @Test
    void versionsAndTheAuditLogAreRefused() {
        as(READER).get("/api/v1/enterprises/" + uscc + "/versions").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"))
                .body("detail", containsString("registry:history"));
        as(READER).get("/api/v1/registry/audit-entries").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"))
                .body("detail", containsString("registry:audit"));
    }

    // ---- identity comes from a verified token only ------------------------------------------------------------

    private static final Map<String, String> FORGED_IDENTITY = Map.of(
            "X-Api-Key", "ecok_7kq2m9xa4d_s3cr3t",
            "X-Organisation", "GREENWATCH",
            "X-Scopes", "registry:read",
            "X-User", "admin",
            "X-Forwarded-User", "admin",
            "X-Roles", "platform-admin",
            "X-Auth-Request-User", "admin");

    @Test
    void forgedIdentityHeadersWithoutATokenAre401() {
        List<Function<RequestSpecification, Response>> calls = List.of(
                r -> r.get("/api/v1/enterprises"),
                r -> r.get("/api/v1/enterprises/" + uscc),
                r -> r.get("/api/v1/agencies/" + EEB),
                r -> r.get("/api/v1/pollutants"),
                r -> r.get("/api/v1/registry/audit-entries"),
                r -> r.body(Map.of("uscc", newUscc(), "details", details("Forged Ltd.", DONGZHI))).post("/api/v1/enterprises"));
        Map<String, Long> before = Database.rowCounts();
        for (Function<RequestSpecification, Response> call : calls) {
            call.apply(given().contentType("application/json").headers(FORGED_IDENTITY)).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", is("/problems/unauthenticated"));
        }
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void forgedIdentityHeadersAddNothingToAToken() {
        as(CITIZEN).headers(FORGED_IDENTITY).get("/api/v1/enterprises/" + uscc).then().statusCode(403)
                .body("type", is("/problems/forbidden"));
        as(NO_SCOPES).headers(FORGED_IDENTITY).get("/api/v1/enterprises/" + uscc).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }

    @Test
    void aGatewayIssuerTokenSignedByAStrangerIs401() {
        as(TestTokens.gateway().scopes("registry:read").signedByStranger().sign()).get("/api/v1/enterprises/" + uscc)
                .then().statusCode(401).body("type", is("/problems/unauthenticated"));
    }

    @Test
    void anExpiredGatewayTokenIs401() {
        as(TestTokens.gateway().scopes("registry:read").expired().sign()).get("/api/v1/enterprises/" + uscc)
                .then().statusCode(401).body("type", is("/problems/unauthenticated"));
    }

    @Test
    void aGatewayTokenForAnotherAudienceIs401() {
        as(TestTokens.gateway().scopes("registry:read").audience("ecogov-gateway").sign()).get("/api/v1/enterprises/" + uscc)
                .then().statusCode(401).body("type", is("/problems/unauthenticated"));
        as(TestTokens.gateway().scopes("registry:read").audience(null).sign()).get("/api/v1/enterprises/" + uscc)
                .then().statusCode(401);
    }

    @Test
    void onlyTheGatewayVouchesForThirdPartiesAndOnlyForThem() {
        // a realm token claiming to be an API key
        as(TestTokens.builder().roles(Roles.THIRD_PARTY).claim("org", "GREENWATCH").claim("scope", "registry:read").sign())
                .get("/api/v1/enterprises/" + uscc).then().statusCode(401);
        // a gateway token claiming an official's role
        as(TestTokens.gateway().roles(Roles.PLATFORM_ADMIN).sign()).get("/api/v1/registry/audit-entries").then().statusCode(401);
    }

    @Test
    void theGatewayTenantComesFromTheRuntimeJar() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        assertThat(config.getConfigValue("quarkus.oidc.gateway.token.issuer").getValue()).isEqualTo("urn:ecogov:gateway");
        assertThat(config.getConfigValue("quarkus.oidc.gateway.token.issuer").getSourceName())
                .contains("runtime").contains("META-INF/microprofile-config.properties");
        assertThat(config.getValue("quarkus.oidc.resolve-tenants-with-issuer", Boolean.class)).isTrue();
    }
}
