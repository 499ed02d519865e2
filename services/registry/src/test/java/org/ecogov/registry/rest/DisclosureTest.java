package org.ecogov.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.media.Schema;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;

/**
 * What each caller is shown of registry records (issue 9; config/RecordView), for every role and every operation
 * whose answer can carry an official's username: officials, platform-admins and the platform's services the full
 * view; enterprise reporters and registry:read keys everything but the officials' usernames; the public and
 * disclosure:read keys the disclosed view. The registry answers so itself, whatever the gateway does. Each role
 * either gets its view or is refused (as the access rules say) with nothing of the record.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class DisclosureTest {

    /** Members that name an official: who made a change, who assigned a matrix entry, who acted in the audit log. */
    private static final Set<String> OFFICIALS = Set.of("createdBy", "updatedBy", "changedBy", "assignedBy", "actorSubject");
    /** Members the disclosed view never has, besides the officials' usernames. */
    private static final Set<String> UNDISCLOSED = Set.of("audit", "legalRepresentative", "statusReason", "revocationReason",
            "reason", "pollutants");

    private enum View { FULL, WITHOUT_OFFICIALS, DISCLOSED }

    /** Which access rule an operation follows, hence who may call it. */
    private enum Rule { READ_ENTERPRISES, READ_SHARED, READ_HISTORY, CHANGE_ENTERPRISES, CHANGE_SHARED, READ_AUDIT }

    private record Role(String token, View view, Set<Rule> may) {
    }

    private record Operation(Rule rule, Function<RequestSpecification, Response> call) {
    }

    private static String uscc;
    private static String permitNumber;

    @BeforeEach
    void world() {
        ensureWorld();
        synchronized (DisclosureTest.class) {
            if (uscc != null) {
                return;
            }
            String registered = enterpriseIn(TOWN_A);
            String enterprise = "/api/v1/enterprises/" + registered;
            as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "suspended", "reason", "Odour complaints under review"))
                    .post(enterprise + "/status-changes").then().statusCode(200);
            as(EEB_OFFICER).body(airOutlet("DA001")).post(enterprise + "/outlets").then().statusCode(201);
            permitNumber = registered + "001P";
            as(EEB_OFFICER).body(permit(permitNumber, "2026-01-01", "2030-12-31", List.of("DA001")))
                    .post(enterprise + "/permits").then().statusCode(201);
            as(ADMIN).body(Map.of("agencyCode", EEB, "reason", "The EEB leads on water")).put("/api/v1/responsibilities/water/" + DISTRICT)
                    .then().statusCode(200);
            uscc = registered;
        }
    }

    private static Role role(String name) {
        Set<Rule> enterpriseReader = Set.of(Rule.READ_ENTERPRISES, Rule.READ_SHARED, Rule.READ_HISTORY);
        Set<Rule> official = Set.of(Rule.READ_ENTERPRISES, Rule.READ_SHARED, Rule.READ_HISTORY);
        Set<Rule> keyReader = Set.of(Rule.READ_ENTERPRISES, Rule.READ_SHARED);
        return switch (name) {
            case "platform-admin" -> new Role(ADMIN, View.FULL, Set.of(Rule.values()));
            case "agency-officer" -> new Role(EEB_OFFICER, View.FULL,
                    Set.of(Rule.READ_ENTERPRISES, Rule.READ_SHARED, Rule.READ_HISTORY, Rule.CHANGE_ENTERPRISES));
            case "agency-lead" -> new Role(EEB_LEAD, View.FULL, official);
            case "inspector" -> new Role(INSPECTOR, View.FULL, official);
            case "registry-reader" -> new Role(TestTokens.builder().username("service-account-emissions-service")
                    .clientId("emissions-service").roles("registry-reader").sign(), View.FULL,
                    Set.of(Rule.READ_ENTERPRISES, Rule.READ_SHARED));
            case "enterprise-reporter" -> new Role(TestTokens.reporter(uscc), View.WITHOUT_OFFICIALS, enterpriseReader);
            case "public" -> new Role(CITIZEN, View.DISCLOSED, Set.of(Rule.READ_SHARED));
            case "key registry:read" -> new Role(TestTokens.thirdParty("GREENWATCH", "registry:read"), View.WITHOUT_OFFICIALS,
                    keyReader);
            case "key registry:read disclosure:read" -> new Role(TestTokens.thirdParty("GREENWATCH", "registry:read",
                    "disclosure:read"), View.WITHOUT_OFFICIALS, keyReader);
            case "key disclosure:read" -> new Role(TestTokens.thirdParty("RIVERWATCH", "disclosure:read"), View.DISCLOSED,
                    keyReader);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Every operation whose answer can carry an official's username, with a request that succeeds for a caller the
     * rule admits (a write prepares what it changes first, as a platform-admin).
     */
    private static Map<String, Operation> operations() {
        String enterprise = "/api/v1/enterprises/" + uscc;
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("listEnterprises", new Operation(Rule.READ_ENTERPRISES, r -> r.queryParam("divisionCode", TOWN_A)
                .get("/api/v1/enterprises")));
        ops.put("getEnterprise", new Operation(Rule.READ_ENTERPRISES, r -> r.get(enterprise)));
        ops.put("listEnterpriseVersions", new Operation(Rule.READ_HISTORY, r -> r.get(enterprise + "/versions")));
        ops.put("listOutlets", new Operation(Rule.READ_ENTERPRISES, r -> r.get(enterprise + "/outlets")));
        ops.put("getOutlet", new Operation(Rule.READ_ENTERPRISES, r -> r.get(enterprise + "/outlets/DA001")));
        ops.put("listPermits", new Operation(Rule.READ_ENTERPRISES, r -> r.get(enterprise + "/permits")));
        ops.put("getPermit", new Operation(Rule.READ_ENTERPRISES, r -> r.get(enterprise + "/permits/" + permitNumber)));
        ops.put("listPermitVersions", new Operation(Rule.READ_HISTORY, r -> r.get(enterprise + "/permits/" + permitNumber
                + "/versions")));
        ops.put("listAgencies", new Operation(Rule.READ_SHARED, r -> r.get("/api/v1/agencies")));
        ops.put("getAgency", new Operation(Rule.READ_SHARED, r -> r.get("/api/v1/agencies/" + EEB)));
        ops.put("listResponsibilities", new Operation(Rule.READ_SHARED, r -> r.get("/api/v1/responsibilities")));
        ops.put("findLeadAgency", new Operation(Rule.READ_SHARED, r -> r.queryParam("matterType", "water")
                .queryParam("divisionCode", TOWN_A).get("/api/v1/lead-agencies")));
        ops.put("listAuditEntries", new Operation(Rule.READ_AUDIT, r -> r.get("/api/v1/registry/audit-entries")));

        ops.put("createEnterprise", new Operation(Rule.CHANGE_ENTERPRISES, r -> r.body(Map.of("uscc", newUscc(),
                "details", details("View Ltd.", TOWN_A))).post("/api/v1/enterprises")));
        ops.put("updateEnterprise", new Operation(Rule.CHANGE_ENTERPRISES, r -> r.header("If-Match", "\"1\"")
                .body(Map.of("details", details("Renamed Ltd.", TOWN_A), "reason", "Renamed"))
                .put("/api/v1/enterprises/" + enterpriseIn(TOWN_A))));
        ops.put("changeEnterpriseStatus", new Operation(Rule.CHANGE_ENTERPRISES, r -> r.header("If-Match", "\"1\"")
                .body(Map.of("status", "suspended", "reason", "Suspended for the view test"))
                .post("/api/v1/enterprises/" + enterpriseIn(TOWN_A) + "/status-changes")));
        ops.put("createOutlet", new Operation(Rule.CHANGE_ENTERPRISES, r -> r.body(airOutlet("DA001"))
                .post("/api/v1/enterprises/" + enterpriseIn(TOWN_A) + "/outlets")));
        ops.put("updateOutlet", new Operation(Rule.CHANGE_ENTERPRISES, r -> {
            String other = enterpriseWithOutlet();
            return r.header("If-Match", "\"1\"").body(Map.of("details", airOutlet("DA001").get("details")))
                    .put("/api/v1/enterprises/" + other + "/outlets/DA001");
        }));
        ops.put("createPermit", new Operation(Rule.CHANGE_ENTERPRISES, r -> {
            String other = enterpriseWithOutlet();
            return r.body(permit(other + "001P", "2026-01-01", "2030-12-31", List.of("DA001")))
                    .post("/api/v1/enterprises/" + other + "/permits");
        }));
        ops.put("amendPermit", new Operation(Rule.CHANGE_ENTERPRISES, r -> {
            String other = enterpriseWithPermit();
            return r.header("If-Match", "\"1\"").body(amendment("2026-01-01", "2029-12-31", List.of("DA001"), "Shortened"))
                    .put("/api/v1/enterprises/" + other + "/permits/" + other + "001P");
        }));
        ops.put("revokePermit", new Operation(Rule.CHANGE_ENTERPRISES, r -> {
            String other = enterpriseWithPermit();
            return r.header("If-Match", "\"1\"").body(Map.of("reason", "Revoked for the view test"))
                    .post("/api/v1/enterprises/" + other + "/permits/" + other + "001P/revocation");
        }));
        ops.put("createAgency", new Operation(Rule.CHANGE_SHARED, r -> r.body(Map.of("code", freshAgencyCode(),
                "details", Map.of("name", "View Agency", "kind", "other", "jurisdiction", DISTRICT))).post("/api/v1/agencies")));
        ops.put("updateAgency", new Operation(Rule.CHANGE_SHARED, r -> {
            String code = freshAgencyCode();
            as(ADMIN).body(Map.of("code", code, "details", Map.of("name", "View Agency", "kind", "other", "jurisdiction",
                    DISTRICT))).post("/api/v1/agencies").then().statusCode(201);
            return r.header("If-Match", "\"1\"").body(Map.of("details", Map.of("name", "Renamed Agency", "kind", "other",
                    "jurisdiction", DISTRICT))).put("/api/v1/agencies/" + code);
        }));
        ops.put("assignResponsibility", new Operation(Rule.CHANGE_SHARED, r -> r.body(Map.of("agencyCode", EEB))
                .put("/api/v1/responsibilities/solid-waste/" + DISTRICT)));
        return ops;
    }

    private static String enterpriseWithOutlet() {
        String other = enterpriseIn(TOWN_A);
        as(ADMIN).body(airOutlet("DA001")).post("/api/v1/enterprises/" + other + "/outlets").then().statusCode(201);
        return other;
    }

    private static String enterpriseWithPermit() {
        String other = enterpriseWithOutlet();
        as(ADMIN).body(permit(other + "001P", "2026-01-01", "2030-12-31", List.of("DA001")))
                .post("/api/v1/enterprises/" + other + "/permits").then().statusCode(201);
        return other;
    }

    private static String freshAgencyCode() {
        return "VIEW-" + (100000 + ThreadLocalRandom.current().nextInt(900000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"platform-admin", "agency-officer", "agency-lead", "inspector", "registry-reader",
            "enterprise-reporter", "public", "key registry:read", "key registry:read disclosure:read", "key disclosure:read"})
    void eachRoleIsShownItsViewOnEveryOperationOrRefused(String name) throws Exception {
        Role role = role(name);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Operation> entry : operations().entrySet()) {
            String id = entry.getKey();
            Operation op = entry.getValue();
            Response response = op.call().apply(as(role.token()));
            Map<String, List<JsonNode>> members = members(response.asString());
            if (!role.may().contains(op.rule())) {
                if (response.statusCode() != 403 || !Collections.disjoint(members.keySet(), OFFICIALS)) {
                    wrong.add(id + ": expected a refusal, got " + response.statusCode() + " " + response.asString());
                }
                continue;
            }
            if (response.statusCode() >= 300) {
                wrong.add(id + ": " + response.statusCode() + " " + response.asString());
                continue;
            }
            String problem = switch (role.view()) {
                case FULL -> OFFICIALS.stream().anyMatch(members::containsKey) ? null : "no official's username";
                case WITHOUT_OFFICIALS -> !Collections.disjoint(members.keySet(), OFFICIALS) ? "an official's username"
                        : members.containsKey("audit") || members.containsKey("assignedAt") ? null
                        : "not even the audit times: the disclosed view";
                case DISCLOSED -> {
                    Set<String> shown = new TreeSet<>(members.keySet());
                    shown.retainAll(union(OFFICIALS, UNDISCLOSED));
                    yield shown.isEmpty() ? null : "undisclosed members " + shown;
                }
            };
            if (problem != null) {
                wrong.add(id + ": " + problem + " in " + response.asString());
            }
        }
        assertThat(wrong).as(name + " is shown the " + role.view() + " view or refused").isEmpty();
    }

    @Test
    void theDisclosedViewHasWhatTheGatewaysProfileDiscloses() throws Exception {
        String key = TestTokens.thirdParty("RIVERWATCH", "disclosure:read");
        String enterprise = "/api/v1/enterprises/" + uscc;
        JsonNode record = new ObjectMapper().readTree(as(key).get(enterprise).then().statusCode(200).extract().asString());
        assertThat(fieldNames(record)).containsExactlyInAnyOrder("uscc", "details", "status", "statusChangedAt",
                "usccCheckOverridden");
        assertThat(fieldNames(record.get("details"))).containsExactlyInAnyOrder("name", "industryCode", "address",
                "location", "divisionCode", "park", "keyMonitored");
        JsonNode outlet = new ObjectMapper().readTree(as(key).get(enterprise + "/outlets/DA001").then().statusCode(200)
                .extract().asString());
        assertThat(fieldNames(outlet)).containsExactlyInAnyOrder("enterpriseUscc", "code", "kind");
        JsonNode permit = new ObjectMapper().readTree(as(key).get(enterprise + "/permits/" + permitNumber).then()
                .statusCode(200).extract().asString());
        assertThat(fieldNames(permit)).containsExactlyInAnyOrder("number", "enterpriseUscc", "managementClass", "validFrom",
                "validTo", "issuingAgency", "outletCodes", "status");
    }

    /** The operations above are exactly those whose answers the contract lets carry an official's username. */
    @Test
    void everyOperationThatCanAnswerAnOfficialsUsernameIsCovered() {
        Set<String> exposing = new TreeSet<>();
        Contracts.spec("registry.yaml").getPaths().values().forEach(item -> item.readOperations().forEach(op ->
                op.getResponses().forEach((status, answer) -> {
                    if (status.startsWith("2") && answer.getContent() != null && answer.getContent().values().stream()
                            .anyMatch(media -> names(media.getSchema(), new IdentityHashMap<>()))) {
                        exposing.add(op.getOperationId());
                    }
                })));
        assertThat(exposing).isNotEmpty().isEqualTo(new TreeSet<>(operations().keySet()));
    }

    private static boolean names(Schema<?> schema, IdentityHashMap<Schema<?>, Boolean> seen) {
        if (schema == null || seen.put(schema, true) != null) {
            return false;
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                if (OFFICIALS.contains(property.getKey()) || names(property.getValue(), seen)) {
                    return true;
                }
            }
        }
        if (schema.getItems() != null && names(schema.getItems(), seen)) {
            return true;
        }
        return schema.getAllOf() != null && schema.getAllOf().stream().anyMatch(s -> names(s, seen));
    }

    /** Every member name anywhere in a JSON document, with its values. */
    private static Map<String, List<JsonNode>> members(String json) throws Exception {
        Map<String, List<JsonNode>> found = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return found;
        }
        collect(new ObjectMapper().readTree(json), found);
        return found;
    }

    private static void collect(JsonNode node, Map<String, List<JsonNode>> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                found.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue());
                collect(field.getValue(), found);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, found));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
