package org.ecogov.runtime.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = { "91341702669392367N", "91341702630566720G", "9134170205198235XR" })
    void realCodesHaveValidCheckCharacters(String code) {
        assertThat(Uscc.isWellFormed(code)).isTrue();
        assertThat(Uscc.hasValidCheckCharacter(code)).isTrue();
        assertThat(Uscc.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @Test
    void wrongCheckCharacterIsWellFormedButInvalid() {
        assertThat(Uscc.isWellFormed("91341702669392367M")).isTrue();
        assertThat(Uscc.hasValidCheckCharacter("91341702669392367M")).isFalse();
    }

    @Test
    void charsetHas31CharactersWithoutIOSVZ() {
        assertThat(Uscc.CHARSET).hasSize(31).doesNotContain("I", "O", "S", "V", "Z");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "91341702669392367", "91341702669392367NN", "9134170266939236IN", "9134170266939236ON",
            "9134170266939236SN", "9134170266939236VN", "9134170266939236ZN", "91341702669392367n", "91341702669392367 " })
    void malformedCodesAreRejected(String code) {
        assertThat(Uscc.isWellFormed(code)).isFalse();
        assertThat(Uscc.hasValidCheckCharacter(code)).isFalse();
    }

    @Test
    void checkValueOf31IsWrittenAsZero() {
        // a weighted sum that is a multiple of 31 gives 31 - 0 = 31, which the standard writes as '0'
        assertThat(Uscc.checkCharacter("0".repeat(17))).isEqualTo('0');
        // the first weight is 1: a sum of 1 gives 30, the last character of the set
        assertThat(Uscc.checkCharacter("1" + "0".repeat(16))).isEqualTo('Y');
        // the second weight is 3: a sum of 3 gives 28, 'W'
        assertThat(Uscc.checkCharacter("01" + "0".repeat(15))).isEqualTo('W');
    }

    @Test
    void everyPrefixHasExactlyOneValidCheckCharacter() {
        String prefix = "91341702669392367";
        long valid = Uscc.CHARSET.chars().filter(c -> Uscc.hasValidCheckCharacter(prefix + (char) c)).count();
        assertThat(valid).isEqualTo(1);
    }

    @Test
    void checkCharacterNeedsSeventeenCharactersOfTheCharset() {
        assertThatThrownBy(() -> Uscc.checkCharacter("9134170266939236")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uscc.checkCharacter("9134170266939236I")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uscc.checkCharacter(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
