package org.ecogov.registry.service;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.ecogov.registry.Database;
import org.ecogov.registry.domain.OutletDetails;
import org.ecogov.registry.domain.OutletRecord;
import org.ecogov.registry.domain.PermitAmendment;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.domain.PermitRecord;
import org.ecogov.registry.domain.PermitStatus;
import org.ecogov.registry.domain.RegistryProblem;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecogov.registry.Fixtures.*;

/**
 * The outlet and permit rules where they live, without HTTP: an outlet's kind follows its code and its pollutants
 * its kind, pH takes a range; a permit covers only its holder's outlets, and no outlet two valid permits on one day.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class OutletAndPermitServiceTest {

    private static final Caller OFFICER = new Caller("officer-1", "eeb.officer", "dept-eeb", Set.of(Roles.AGENCY_OFFICER),
            EEB, DISTRICT, null);
    /** An officer of town B's government, whose jurisdiction holds the enterprises of the permit tests below. */
    private static final Caller TOWN_OFFICER = new Caller("officer-2", "town.officer", "ecogov-web",
            Set.of(Roles.AGENCY_OFFICER), TOWN_B_GOV, TOWN_B, null);
    private static final Caller PLATFORM_ADMIN = new Caller("admin-1", "admin", "ecogov-web", Set.of(Roles.PLATFORM_ADMIN),
            null, null, null);

    @Inject
    OutletService outlets;
    @Inject
    PermitService permits;

    @BeforeEach
    void world() {
        ensureWorld();
    }

    private static <T> T run(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutletDetails details(OutletDetails.Permitted... pollutants) {
        return new OutletDetails("Stack", 30.6, 117.5, List.of(pollutants));
    }

    private static OutletDetails.Permitted max(String pollutant, int limit) {
        return new OutletDetails.Permitted(pollutant, null, BigDecimal.valueOf(limit), null);
    }

    @Test
    void anOutletsKindFollowsItsCodeAndItsPollutantsItsKind() {
        String uscc = enterpriseIn(TOWN_A);
        assertThatThrownBy(() -> run(() -> outlets.register(OFFICER, uscc, "DA001", "water", details(max("w01018", 50)))))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(p.violations()).extracting(FieldViolation::field).containsExactly("kind");
                });
        assertThatThrownBy(() -> run(() -> outlets.register(OFFICER, uscc, "DA001", "air",
                details(max("a21026", 100), max("w01018", 50)))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations())
                        .extracting(FieldViolation::field).containsExactly("details.pollutants[1].pollutant"));
        assertThat(Database.queryLong("select count(*) from outlet where enterprise_uscc = '" + uscc + "'")).isZero();

        OutletRecord registered = run(() -> outlets.register(OFFICER, uscc, "DA001", "air", details(max("a21026", 100))));
        assertThat(registered.units()).containsEntry("a21026", "mg/m3");
    }

    @Test
    void pHIsLimitedByARangeWithinFourteen() {
        String uscc = enterpriseIn(TOWN_A);
        assertThatThrownBy(() -> run(() -> outlets.register(OFFICER, uscc, "DW001", "water", details(max("w01001", 9)))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations())
                        .extracting(FieldViolation::field).containsExactly("details.pollutants[0].limitMin"));
        assertThatThrownBy(() -> run(() -> outlets.register(OFFICER, uscc, "DW001", "water", details(
                new OutletDetails.Permitted("w01001", BigDecimal.valueOf(6), BigDecimal.valueOf(15), null)))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.violations().get(0).message())
                        .isEqualTo("pH cannot exceed 14"));
    }

    @Test
    void noOutletIsCoveredByTwoPermitsValidOnTheSameDay() {
        String uscc = enterpriseIn(TOWN_A);
        run(() -> outlets.register(OFFICER, uscc, "DA001", "air", details(max("a21026", 100))));
        run(() -> permits.record(OFFICER, uscc, new PermitApplication(uscc + "001P", "key", "2026-01-01", "2028-12-31", EEB,
                List.of("DA001"))));

        assertThatThrownBy(() -> run(() -> permits.record(OFFICER, uscc, new PermitApplication(uscc + "002P", "key",
                "2028-12-31", "2030-12-31", EEB, List.of("DA001")))))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(RegistryProblem.PERMIT_OVERLAP);
                    assertThat(p.violations().get(0).field()).isEqualTo("outletCodes[0]");
                });
        // the day after the first ends is free
        run(() -> permits.record(OFFICER, uscc, new PermitApplication(uscc + "002P", "key", "2029-01-01", "2030-12-31", EEB,
                List.of("DA001"))));
        assertThatThrownBy(() -> run(() -> permits.record(OFFICER, uscc, new PermitApplication(uscc + "003P", "key",
                "2031-01-01", "2031-12-31", EEB, List.of("DA009")))))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.type()).isEqualTo(RegistryProblem.PERMIT_OUTLET_MISMATCH));
        assertThat(Database.queryLong("select count(*) from permit where enterprise_uscc = '" + uscc + "'")).isEqualTo(2);
    }

    private static PermitApplication application(String number, String from, String to, String issuer, String... outlets) {
        return new PermitApplication(number, "key", from, to, issuer, List.of(outlets));
    }

    private static void refusedAs(RegistryProblem kind, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(kind));
    }

    @Test
    void onlyTheIssuingAgencyRecordsAmendsAndRevokesItsPermits() {
        String uscc = enterpriseIn(TOWN_B);
        run(() -> outlets.register(OFFICER, uscc, "DA001", "air", details(max("a21026", 100))));
        String number = uscc + "001P";

        assertThatThrownBy(() -> run(() -> permits.record(TOWN_OFFICER, uscc, application(number, "2026-01-01", "9999-12-31",
                EEB, "DA001"))))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(RegistryProblem.NOT_ISSUING_AGENCY);
                    assertThat(p.violations()).extracting(FieldViolation::field).containsExactly("issuingAgency");
                });
        assertThat(Database.queryLong("select count(*) from permit where enterprise_uscc = '" + uscc + "'")).isZero();

        PermitRecord recorded = run(() -> permits.record(OFFICER, uscc, application(number, "2026-01-01", "2030-12-31", EEB,
                "DA001")));
        assertThat(recorded.state().issuingAgency()).isEqualTo(EEB);
        PermitAmendment longer = new PermitAmendment("key", "2026-01-01", "2031-12-31", List.of("DA001"), "Extended");
        refusedAs(RegistryProblem.NOT_ISSUING_AGENCY, () -> run(() -> permits.amend(TOWN_OFFICER, uscc, number, "\"1\"", longer)));
        refusedAs(RegistryProblem.NOT_ISSUING_AGENCY, () -> run(() -> permits.revoke(TOWN_OFFICER, uscc, number, "\"1\"",
                "Not wanted")));
        assertThat(Database.queryLong("select version from permit where number = '" + number + "'")).isEqualTo(1);

        // a platform-admin acts for any agency
        PermitRecord revoked = run(() -> permits.revoke(PLATFORM_ADMIN, uscc, number, "\"1\"", " Issued in error "));
        assertThat(revoked.status()).isEqualTo(PermitStatus.REVOKED);
        assertThat(revoked.state().revocationReason()).isEqualTo("Issued in error");
        assertThat(run(() -> permits.record(PLATFORM_ADMIN, uscc, application(uscc + "002P", "2026-01-01", "2030-12-31",
                TOWN_B_GOV, "DA001"))).state().issuingAgency()).isEqualTo(TOWN_B_GOV);
    }

    @Test
    void aRevokedPermitStandsInNobodysWayAndIsFinal() {
        String uscc = enterpriseIn(TOWN_A);
        run(() -> outlets.register(OFFICER, uscc, "DA001", "air", details(max("a21026", 100))));
        String first = uscc + "001P";
        String second = uscc + "002P";
        run(() -> permits.record(OFFICER, uscc, application(first, "2026-01-01", "2028-12-31", EEB, "DA001")));
        refusedAs(RegistryProblem.PERMIT_OVERLAP, () -> run(() -> permits.record(OFFICER, uscc,
                application(second, "2027-01-01", "2030-12-31", EEB, "DA001"))));

        run(() -> permits.revoke(OFFICER, uscc, first, "\"1\"", "Replaced by the 2027 permit"));
        run(() -> permits.record(OFFICER, uscc, application(second, "2027-01-01", "2030-12-31", EEB, "DA001")));
        // the new permit's amendment is not held up by the revoked one, nor by itself
        PermitRecord amended = run(() -> permits.amend(OFFICER, uscc, second, "\"1\"",
                new PermitAmendment("simplified", "2026-01-01", "2031-12-31", List.of("DA001"), "Back-dated to the plant's opening")));
        assertThat(amended.state().validFrom()).hasToString("2026-01-01");
        assertThat(amended.state().version()).isEqualTo(2);

        PermitAmendment revive = new PermitAmendment("key", "2026-01-01", "2026-12-31", List.of("DA001"), "Revive");
        refusedAs(RegistryProblem.PERMIT_REVOKED, () -> run(() -> permits.amend(OFFICER, uscc, first, "\"2\"", revive)));
        refusedAs(RegistryProblem.PERMIT_REVOKED, () -> run(() -> permits.revoke(OFFICER, uscc, first, "\"2\"", "Again")));
        assertThat(Database.queryLong("select count(*) from permit_version where permit_number = '" + first + "'")).isEqualTo(2);
    }
}
