package org.ecogov.runtime.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PermitNumberTest {

    @Test
    void permitNumberIsUsccSequenceAndKind() {
        assertThat(PermitNumber.isWellFormed("91341702669392367N001P")).isTrue();
        assertThat(PermitNumber.isValid("91341702669392367N001P")).isTrue();
        assertThat(PermitNumber.usccOf("91341702669392367N001P")).isEqualTo("91341702669392367N");
    }

    @Test
    void wrongCheckCharacterInTheUsccIsWellFormedButInvalid() {
        assertThat(PermitNumber.isWellFormed("91341702669392367M001P")).isTrue();
        assertThat(PermitNumber.isValid("91341702669392367M001P")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "91341702669392367N01P", "91341702669392367N0001P", "91341702669392367N001p",
            "91341702669392367N001", "91341702669392367N0011", "9134170266939236IN001P", "91341702669392367N001PP" })
    void malformedNumbersAreRejected(String number) {
        assertThat(PermitNumber.isWellFormed(number)).isFalse();
        assertThat(PermitNumber.isValid(number)).isFalse();
    }

    @Test
    void usccOfNeedsAPermitNumber() {
        assertThatThrownBy(() -> PermitNumber.usccOf("P001")).isInstanceOf(IllegalArgumentException.class);
    }
}
