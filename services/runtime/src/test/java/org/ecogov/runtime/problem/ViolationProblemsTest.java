package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.ecogov.runtime.fixture.EnterpriseCreate;
import org.ecogov.runtime.fixture.EnterprisesApi;
import org.ecogov.runtime.fixture.EnterprisesResource;
import org.ecogov.runtime.fixture.FailuresResource;
import org.ecogov.runtime.fixture.Location;
import org.ecogov.runtime.fixture.OutletCreate;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Validates the fixture's endpoint parameters as Quarkus does, and checks the names the client would see. */
class ViolationProblemsTest {

    private static ValidatorFactory factory;
    private static Validator validator;
    private final ViolationProblems violations = new ViolationProblems(new ObjectMapper());
    private final EnterprisesResource resource = new EnterprisesResource();

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private Set<ConstraintViolation<EnterprisesResource>> validateCreate(EnterpriseCreate body) throws Exception {
        Method create = EnterprisesResource.class.getMethod("createEnterprise", EnterpriseCreate.class);
        return validator.forExecutables().validateParameters(resource, create, new Object[] { body });
    }

    private Set<ConstraintViolation<EnterprisesResource>> validateList(Integer limit, String correlationId)
            throws Exception {
        Method list = EnterprisesResource.class.getMethod("listEnterprises", Integer.class, EnterprisesApi.Status.class,
                String.class);
        return validator.forExecutables().validateParameters(resource, list, new Object[] { limit, null, correlationId });
    }

    private static EnterpriseCreate validEnterprise() {
        EnterpriseCreate enterprise = new EnterpriseCreate();
        enterprise.setUscc("91341702669392367N");
        enterprise.setName("Guichi Smelter");
        return enterprise;
    }

    private List<String> fields(Set<? extends ConstraintViolation<?>> found) {
        return found.stream().map(violations::fieldOf).sorted().toList();
    }

    @Test
    void validBodyHasNoViolations() throws Exception {
        assertThat(validateCreate(validEnterprise())).isEmpty();
    }

    @Test
    void methodAndBodyParameterSegmentsAreDropped() throws Exception {
        EnterpriseCreate enterprise = validEnterprise();
        Location location = new Location();
        location.setLatitude(91.0);
        location.setLongitude(0.0);
        enterprise.setLocation(location);
        Set<ConstraintViolation<EnterprisesResource>> found = validateCreate(enterprise);
        assertThat(found).singleElement().satisfies(violation ->
                assertThat(violation.getPropertyPath().toString()).isEqualTo("createEnterprise.enterpriseCreate.location.latitude"));
        assertThat(fields(found)).containsExactly("location.latitude");
    }

    @Test
    void javaNamesBecomeJsonNames() throws Exception {
        EnterpriseCreate enterprise = validEnterprise();
        enterprise.setLegalRepresentative("x".repeat(51));
        enterprise.setDivisionCode("3417");
        assertThat(fields(validateCreate(enterprise))).containsExactly("division_code", "legal-representative");
    }

    @Test
    void listElementsAreIndexed() throws Exception {
        EnterpriseCreate enterprise = validEnterprise();
        OutletCreate good = new OutletCreate();
        good.setCode("DW001");
        good.setMedium(OutletCreate.Medium.WATER);
        OutletCreate bad = new OutletCreate();
        bad.setCode("XX1");
        bad.setMedium(OutletCreate.Medium.AIR);
        bad.setPollutants(List.of(new OutletCreate.PollutantLimit("w01018", BigDecimal.ONE),
                new OutletCreate.PollutantLimit("nope", null)));
        enterprise.setOutlets(List.of(good, bad));
        enterprise.setIndustries(List.of("C3110", "bad"));
        assertThat(fields(validateCreate(enterprise))).containsExactly("industries[1]", "outlets[1].code",
                "outlets[1].pollutants[1].limit", "outlets[1].pollutants[1].pollutant");
    }

    @Test
    void queryAndHeaderParametersGoByTheirHttpNames() throws Exception {
        assertThat(fields(validateList(0, "NO"))).containsExactly("X-Correlation-Id", "limit");
    }

    @Test
    void missingBodyIsAMalformedBody() throws Exception {
        ProblemException problem = violations.toProblem(validateCreate(null));
        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_BODY);
        assertThat(problem.detail()).isEqualTo("The request body is missing.");
    }

    @Test
    void problemListsEveryFieldInOrder() throws Exception {
        EnterpriseCreate enterprise = validEnterprise();
        enterprise.setName(null);
        enterprise.setUscc("short");
        ProblemException problem = violations.toProblem(validateCreate(enterprise));
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("name", "uscc");
        assertThat(problem.detail()).startsWith("2 fields are invalid: name: ");
    }

    @Test
    void singleViolationIsTheDetail() throws Exception {
        ProblemException problem = violations.toProblem(validateList(500, null));
        assertThat(problem.detail()).isEqualTo("limit: must be less than or equal to 100");
    }

    @Test
    void returnValueViolationsAreRecognised() throws Exception {
        FailuresResource failures = new FailuresResource(null);
        Method badReturn = FailuresResource.class.getMethod("badReturn");
        Set<ConstraintViolation<FailuresResource>> onReturn = validator.forExecutables()
                .validateReturnValue(failures, badReturn, "abc");
        assertThat(onReturn).isNotEmpty();
        assertThat(ViolationProblems.concernsReturnValue(onReturn)).isTrue();
        assertThat(ViolationProblems.concernsReturnValue(validateList(0, null))).isFalse();
    }
}
