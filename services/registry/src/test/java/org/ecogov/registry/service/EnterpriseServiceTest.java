package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.ecogov.registry.Database;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseStatus;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecogov.registry.Fixtures.*;

/**
 * The enterprise rules where they live, in EnterpriseService, called without HTTP: the check character of a USCC
 * and its override, and the status transitions, each with nothing written when refused.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EnterpriseServiceTest {

    private static final Caller OFFICER = new Caller("officer-1", "eeb.officer", "dept-eeb", Set.of(Roles.AGENCY_OFFICER),
            EEB, DISTRICT, null);
    private static final Caller ADMIN_CALLER = new Caller("admin-1", "admin", "web", Set.of(Roles.PLATFORM_ADMIN),
            null, null, null);

    @Inject
    EnterpriseService enterprises;

    @BeforeEach
    void world() {
        ensureWorld();
    }

    private static <T> T run(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private static EnterpriseDetails details(String name) {
        return new EnterpriseDetails(" " + name + " ", "Li Na", "C3211", "2 River Road", 30.6, 117.5, TOWN_A, "QJIP", false);
    }

    private Enterprise register(String uscc) {
        return run(() -> enterprises.register(OFFICER, new EnterpriseService.Registration(uscc, details("Rule Smelter"), null)));
    }

    @Test
    void aUsccWithAWrongCheckCharacterIsRefusedNamingTheRightOne() {
        String good = newUscc();
        String bad = withWrongCheckCharacter(good);
        assertThatThrownBy(() -> register(bad))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(RegistryProblem.INVALID_USCC_CHECK_CHARACTER);
                    assertThat(p.violations().get(0).field()).isEqualTo("uscc");
                    assertThat(p.detail()).contains("should be " + Uscc.checkCharacter(bad.substring(0, 17)));
                });
        assertThat(Database.queryLong("select count(*) from enterprise where uscc = '" + bad + "'")).isZero();
    }

    @Test
    void onlyAPlatformAdminOverridesTheCheckAndOnlyWhereItIsWrong() {
        String bad = withWrongCheckCharacter(newUscc());
        assertThatThrownBy(() -> run(() -> enterprises.register(OFFICER,
                new EnterpriseService.Registration(bad, details("Early Code Ltd"), "issued in 2016"))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
        String good = newUscc();
        assertThatThrownBy(() -> run(() -> enterprises.register(ADMIN_CALLER,
                new EnterpriseService.Registration(good, details("Right Code Ltd"), "no need"))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.VALIDATION_FAILED));

        Enterprise overridden = run(() -> enterprises.register(ADMIN_CALLER,
                new EnterpriseService.Registration(bad, details("Early Code Ltd"), " issued in 2016 ")));
        assertThat(overridden.usccCheckOverridden).isTrue();
        assertThat(overridden.name).isEqualTo("Early Code Ltd");
    }

    @Test
    void statusFollowsItsTransitionsAndClosedIsFinal() {
        String uscc = newUscc();
        register(uscc);
        Enterprise suspended = run(() -> enterprises.changeStatus(OFFICER, uscc, "\"1\"", EnterpriseStatus.SUSPENDED, " odour "));
        assertThat(suspended.status()).isEqualTo(EnterpriseStatus.SUSPENDED);
        assertThat(suspended.statusReason).isEqualTo("odour");
        assertThat(suspended.version).isEqualTo(2);
        Enterprise closed = run(() -> enterprises.changeStatus(OFFICER, uscc, "\"2\"", EnterpriseStatus.CLOSED, "licence withdrawn"));
        assertThat(closed.status()).isEqualTo(EnterpriseStatus.CLOSED);

        assertThatThrownBy(() -> run(() -> enterprises.changeStatus(OFFICER, uscc, "\"3\"", EnterpriseStatus.OPERATING, "reopen")))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(RegistryProblem.INVALID_STATUS_TRANSITION);
                    assertThat(p.detail()).contains("closed cannot become operating");
                });
        assertThat(Database.queryString("select status from enterprise where uscc = '" + uscc + "'")).isEqualTo("closed");
        assertThat(Database.queryLong("select count(*) from enterprise_version where uscc = '" + uscc + "'")).isEqualTo(3);
    }

    @Test
    void aStaleVersionChangesNothing() {
        String uscc = newUscc();
        register(uscc);
        assertThatThrownBy(() -> run(() -> enterprises.changeStatus(OFFICER, uscc, "\"7\"", EnterpriseStatus.SUSPENDED, "late")))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.STALE_VERSION));
        assertThat(Database.queryString("select status from enterprise where uscc = '" + uscc + "'")).isEqualTo("operating");
    }

    @Test
    void aTakenCodeIsRefusedTellingOnlyThoseWhoMayReadTheRecordThatItExists() {
        String uscc = newUscc();
        run(() -> enterprises.register(ADMIN_CALLER, new EnterpriseService.Registration(uscc,
                new EnterpriseDetails("Town B Smelter", "Li Na", "C3211", "2 River Road", 30.6, 117.5, TOWN_B, "QJIP", false),
                null)));
        Caller townAOfficer = new Caller("officer-3", "town-a.officer", "ecogov-web", Set.of(Roles.AGENCY_OFFICER),
                "TG-341702101", TOWN_A, null);

        assertThatThrownBy(() -> run(() -> enterprises.register(townAOfficer,
                new EnterpriseService.Registration(uscc, details("Town A Smelter"), null))))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(RegistryProblem.USCC_UNAVAILABLE);
                    assertThat(p.violations()).extracting(v -> v.field()).containsExactly("uscc");
                    assertThat(p.violations().get(0).message()).doesNotContain(TOWN_B).doesNotContain("Town B Smelter");
                });
        assertThatThrownBy(() -> register(uscc))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.type()).isEqualTo(RegistryProblem.ENTERPRISE_EXISTS));
        assertThat(Database.queryLong("select count(*) from enterprise where uscc = '" + uscc + "'")).isEqualTo(1);
        assertThat(Database.queryString("select name from enterprise where uscc = '" + uscc + "'")).isEqualTo("Town B Smelter");
    }
}
