package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Static checks of deploy/keycloak/ecogov-realm.json that need no server. */
class RealmFileTest {

    private final LocalConfig config = LocalConfig.load();
    private final RealmFile realm = RealmFile.read(config.path("ecogov.keycloak.realm-file"));

    @Test
    void theLocalSecretsOfTheConfigurationAreThoseOfTheRealm() {
        for (String client : List.of("gateway", "dept-eeb", "registry-service", "emissions-service", "complaints-service",
                "enforcement-service")) {
            assertThat(realm.clientSecret(client)).as(client).contains(config.clientSecret(client));
        }
    }

    @Test
    void theDemoUsersAreThoseOfTheBrief() {
        assertThat(realm.users()).extracting(RealmFile.DemoUser::username).containsExactly(
                "admin", "eeb.officer", "town.officer", "eeb.lead", "inspector.li", "reporter.acme", "citizen");
        assertThat(realm.users()).allSatisfy(user -> assertThat(user.password()).isEqualTo(config.get("ecogov.demo.password")));
        assertThat(realm.users()).filteredOn(user -> user.username().equals("reporter.acme")).singleElement()
                .satisfies(user -> assertThat(user.uscc()).isEqualTo(Optional.of("91341702669392367N")));
    }

    @Test
    void noClientGrantsPasswordsAndEveryClientThatGetsTokensHasTheIdentityScope() throws IOException {
        JsonNode file = new ObjectMapper().readTree(realm.path().toFile());
        assertThat(file.path("clients")).isNotEmpty().allSatisfy(client -> {
            String clientId = client.path("clientId").asText();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as(clientId).isFalse();
            if (client.path("standardFlowEnabled").asBoolean(true) || client.path("serviceAccountsEnabled").asBoolean()) {
                assertThat(client.path("defaultClientScopes").toString()).as(clientId).contains("\"ecogov-identity\"");
            }
        });
        // Keycloak's built-in command-line client is declared only to take its password grant away
        JsonNode adminCli = find(file.path("clients"), "clientId", "admin-cli");
        assertThat(adminCli).isNotNull();
        assertThat(adminCli.path("standardFlowEnabled").asBoolean(true)).isFalse();
        assertThat(adminCli.path("serviceAccountsEnabled").asBoolean(true)).isFalse();
    }

    /** The rule that holds for every client, Keycloak's own and those added later: a client policy. */
    @Test
    void aClientPolicyRefusesThePasswordGrantToAnyClient() throws IOException {
        JsonNode file = new ObjectMapper().readTree(realm.path().toFile());
        JsonNode policy = find(file.path("clientPolicies").path("policies"), "name", "no-password-grant-for-any-client");
        assertThat(policy).isNotNull();
        assertThat(policy.path("enabled").asBoolean()).isTrue();
        assertThat(policy.path("conditions")).singleElement()
                .satisfies(condition -> assertThat(condition.path("condition").asText()).isEqualTo("any-client"));
        List<String> executors = new java.util.ArrayList<>();
        policy.path("profiles").forEach(name -> find(file.path("clientProfiles").path("profiles"), "name", name.asText())
                .path("executors").forEach(executor -> executors.add(executor.path("executor").asText())));
        assertThat(executors).contains("reject-ropc-grant");
    }

    /** The realm's own roles (Keycloak adds its default roles beside them). */
    static final List<String> PLATFORM_ROLES = List.of("platform-admin", "agency-officer", "agency-lead", "inspector",
            "enterprise-reporter", "public", "registry-reader");

    /** What each service may do for itself: exactly these realm roles on its client's service account. */
    static final Map<String, List<String>> SERVICE_ROLES = Map.of(
            "registry-service", List.of(),
            "emissions-service", List.of("registry-reader"),
            "complaints-service", List.of("registry-reader"),
            "enforcement-service", List.of("registry-reader"));

    @Test
    void everyServiceHasAConfidentialClientForItselfWithOnlyTheRolesItNeeds() throws IOException {
        JsonNode file = new ObjectMapper().readTree(realm.path().toFile());
        SERVICE_ROLES.forEach((clientId, roles) -> {
            JsonNode client = find(file.path("clients"), "clientId", clientId);
            assertThat(client).as(clientId).isNotNull();
            assertThat(client.path("publicClient").asBoolean(true)).as(clientId + " confidential").isFalse();
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).as(clientId + " client credentials").isTrue();
            assertThat(client.path("standardFlowEnabled").asBoolean(true)).as(clientId + " no user logins").isFalse();
            assertThat(client.path("implicitFlowEnabled").asBoolean(true)).isFalse();
            JsonNode account = find(file.path("users"), "serviceAccountClientId", clientId);
            assertThat(account).as(clientId + "'s service account").isNotNull();
            List<String> granted = new java.util.ArrayList<>();
            account.path("realmRoles").forEach(role -> granted.add(role.asText()));
            assertThat(granted).as(clientId + "'s roles").containsExactlyInAnyOrderElementsOf(roles);
            assertThat(account.has("attributes")).as(clientId + " has no agency, jurisdiction or enterprise").isFalse();
        });
    }

    @Test
    void registryReaderIsNoPersonsRole() {
        assertThat(realm.users()).allSatisfy(user -> assertThat(user.roles()).doesNotContain("registry-reader"));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asText())) {
                return node;
            }
        }
        return null;
    }

    @Test
    void everyRealmRoleHasADescription() throws IOException {
        JsonNode roles = new ObjectMapper().readTree(realm.path().toFile()).path("roles").path("realm");
        assertThat(roles).extracting(role -> role.path("name").asText()).containsExactlyInAnyOrder(
                "platform-admin", "agency-officer", "agency-lead", "inspector", "enterprise-reporter", "public",
                "registry-reader");
        assertThat(roles).allSatisfy(role -> assertThat(role.path("description").asText()).isNotBlank());
    }
}
