package org.ecogov.registry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.junit.jupiter.api.Test;

/** The view rule where it lives: which caller is shown officials' usernames, which only the disclosed fields. */
class RecordViewTest {

    private static Caller realm(String... roles) {
        return new Caller("sub", "someone", "ecogov-web", Set.of(roles), null, null, null);
    }

    private static Caller key(String... scopes) {
        return new Caller("apikey:ecok_1", null, "ecok_1", Set.of(Roles.THIRD_PARTY), null, null, null, "GREENWATCH",
                Set.of(scopes));
    }

    @Test
    void officialsAdminsAndThePlatformsServicesAreShownEverything() {
        for (String role : Set.of(Roles.PLATFORM_ADMIN, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD, Roles.INSPECTOR,
                Roles.REGISTRY_READER)) {
            assertThat(RecordView.of(realm(role))).as(role).isEqualTo(RecordView.FULL);
        }
        assertThat(RecordView.of(realm(Roles.PUBLIC, Roles.INSPECTOR))).isEqualTo(RecordView.FULL);
    }

    @Test
    void reportersAndRegistryReadKeysAreNotShownOfficialsUsernames() {
        assertThat(RecordView.of(realm(Roles.ENTERPRISE_REPORTER))).isEqualTo(RecordView.WITHOUT_OFFICIALS);
        assertThat(RecordView.of(realm(Roles.ENTERPRISE_REPORTER, Roles.PUBLIC))).isEqualTo(RecordView.WITHOUT_OFFICIALS);
        assertThat(RecordView.of(key("registry:read"))).isEqualTo(RecordView.WITHOUT_OFFICIALS);
        assertThat(RecordView.of(key("registry:read", "disclosure:read"))).isEqualTo(RecordView.WITHOUT_OFFICIALS);
    }

    @Test
    void thePublicDisclosureKeysAndEveryoneElseAreShownTheDisclosedView() {
        assertThat(RecordView.of(realm(Roles.PUBLIC))).isEqualTo(RecordView.DISCLOSED);
        assertThat(RecordView.of(realm())).isEqualTo(RecordView.DISCLOSED);
        assertThat(RecordView.of(key("disclosure:read"))).isEqualTo(RecordView.DISCLOSED);
        assertThat(RecordView.of(key("disclosure:read", "emissions:read"))).isEqualTo(RecordView.DISCLOSED);
        // a key is judged by its scopes, never by a role it should not carry
        Caller keyClaimingARole = new Caller("apikey:ecok_1", null, "ecok_1", Set.of(Roles.THIRD_PARTY, Roles.PLATFORM_ADMIN),
                null, null, null, "GREENWATCH", Set.of("disclosure:read"));
        assertThat(RecordView.of(keyClaimingARole)).isEqualTo(RecordView.DISCLOSED);
    }
}
