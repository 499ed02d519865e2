package org.ecogov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.media.StringSchema;

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
}
