package org.ecogov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;

class BadInputSweepTest {

    @Test
    void aPatternIsBrokenByAValueItRefusesNotByOneItTakes() {
        // any visible ASCII (the Idempotency-Key): "!!" would be a good key, white space inside is not
        assertThat(BadInputSweep.badValues(new StringSchema().pattern("^[\\x21-\\x7e]+$"))).containsExactly("a b");
        assertThat(BadInputSweep.badValues(new StringSchema().pattern("^[0-9A-HJ-NPQRTUWXY]{18}$").maxLength(18)))
                .containsExactly("!!", "9".repeat(19));
        assertThat(BadInputSweep.badValues(new StringSchema().pattern(".*"))).as("nothing breaks it").isEmpty();
    }

    @Test
    void pathAndQueryValuesArePercentEncodedAsTheirPlaceWantsIt() {
        assertThat(BadInputSweep.encoded("a b", true)).isEqualTo("a%20b");
        assertThat(BadInputSweep.encoded("a b", false)).isEqualTo("a+b");
        assertThat(BadInputSweep.encoded("!!", true)).isEqualTo("%21%21");
    }

    @Test
    void anEmptyValueIsBadWhereTheSchemaNeedsACharacter() {
        assertThat(BadInputSweep.refusesEmpty(new StringSchema().minLength(1))).isTrue();
        assertThat(BadInputSweep.refusesEmpty(new StringSchema().pattern("^[0-9]{2,12}$"))).isTrue();
        assertThat(BadInputSweep.refusesEmpty(new IntegerSchema())).isTrue();
        assertThat(BadInputSweep.refusesEmpty(new BooleanSchema())).isTrue();
        assertThat(BadInputSweep.refusesEmpty(new UUIDSchema())).isTrue();
        StringSchema kinds = new StringSchema();
        kinds.addEnumItem("air");
        assertThat(BadInputSweep.refusesEmpty(kinds)).isTrue();
        // a cursor: any text up to 200 characters, the empty one too
        assertThat(BadInputSweep.refusesEmpty(new StringSchema().maxLength(200))).isFalse();
        assertThat(BadInputSweep.refusesEmpty(new StringSchema().pattern("^[A-Za-z0-9_-]*$"))).isFalse();
    }

    @Test
    void anOperationWhose400IsPlainJsonIsSweptForGeoReportsErrorShape() {
        io.swagger.v3.oas.models.Operation open311 = operationAnswering400As("application/json");
        io.swagger.v3.oas.models.Operation usual = operationAnswering400As("application/problem+json");
        assertThat(BadInputSweep.declaresGeoReportErrors(open311)).isTrue();
        assertThat(BadInputSweep.declaresGeoReportErrors(usual)).isFalse();
        assertThat(BadInputSweep.declaresGeoReportErrors(new io.swagger.v3.oas.models.Operation())).isFalse();

        io.swagger.v3.oas.models.OpenAPI api = new io.swagger.v3.oas.models.OpenAPI().paths(
                new io.swagger.v3.oas.models.Paths()
                        .addPathItem("/open311/v2/requests.json", new io.swagger.v3.oas.models.PathItem().get(open311
                                .addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter()
                                        .name("status").schema(new StringSchema()._enum(java.util.List.of("open"))))))
                        .addPathItem("/api/v1/things", new io.swagger.v3.oas.models.PathItem().get(usual
                                .addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter()
                                        .name("status").schema(new StringSchema()._enum(java.util.List.of("open")))))));
        var cases = BadInputSweep.cases(api, (name, template) -> "x", name -> "x");
        assertThat(cases).extracting(BadInputSweep.Case::operation)
                .contains("GET /open311/v2/requests.json", "GET /api/v1/things");
        assertThat(cases).allMatch(c -> c.geoReport() == c.operation().equals("GET /open311/v2/requests.json"));
    }

    private static io.swagger.v3.oas.models.Operation operationAnswering400As(String mediaType) {
        return new io.swagger.v3.oas.models.Operation().responses(new io.swagger.v3.oas.models.responses.ApiResponses()
                .addApiResponse("400", new io.swagger.v3.oas.models.responses.ApiResponse()
                        .content(new io.swagger.v3.oas.models.media.Content().addMediaType(mediaType,
                                new io.swagger.v3.oas.models.media.MediaType()))));
    }
}
