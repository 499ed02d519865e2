package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Static checks of deploy/keycloak/ecogov-realm.json that need no server. */
class RealmFileTest {

    private final LocalConfig config = LocalConfig.load();
    private final RealmFile realm = RealmFile.read(config.path("ecogov.keycloak.realm-file"));

    @Test
    void theLocalSecretsOfTheConfigurationAreThoseOfTheRealm() {
        for (String client : List.of("gateway", "dept-eeb")) {
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
    void noClientGrantsPasswordsAndEveryClientHasTheIdentityScope() throws IOException {
        JsonNode file = new ObjectMapper().readTree(realm.path().toFile());
        assertThat(file.path("clients")).isNotEmpty().allSatisfy(client -> {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as(client.path("clientId").asText()).isFalse();
            assertThat(client.path("defaultClientScopes").toString()).contains("\"ecogov-identity\"");
        });
    }

    @Test
    void everyRealmRoleHasADescription() throws IOException {
        JsonNode roles = new ObjectMapper().readTree(realm.path().toFile()).path("roles").path("realm");
        assertThat(roles).extracting(role -> role.path("name").asText()).containsExactlyInAnyOrder(
                "platform-admin", "agency-officer", "agency-lead", "inspector", "enterprise-reporter", "public");
        assertThat(roles).allSatisfy(role -> assertThat(role.path("description").asText()).isNotBlank());
    }
}
