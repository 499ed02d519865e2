package org.ecogov.runtime.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DivisionCodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "340000", "341700", "341702", "341702102", "341702102001" })
    void sixNineAndTwelveDigitCodesAreValid(String code) {
        assertThat(DivisionCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "34", "3417", "34170", "3417021", "3417021020", "34170210200", "3417021020011", "34170a",
            " 341702" })
    void otherFormsAreNotCodes(String code) {
        assertThat(DivisionCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "340000,34", "341700,3417", "341702,341702", "341702102,341702102", "341702102001,341702102001",
            "34,34", "3417,3417", "000000,00" })
    void scopePrefixStripsTheWholeOfLevelZeroPairs(String scope, String prefix) {
        assertThat(DivisionCode.scopePrefix(scope)).isEqualTo(prefix);
    }

    @Test
    void scopePrefixRejectsWhatIsNoScope() {
        assertThatThrownBy(() -> DivisionCode.scopePrefix("341")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DivisionCode.scopePrefix(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jurisdictionsNestByPrefix() {
        String[] chain = { "340000", "341700", "341702", "341702102", "341702102001" };
        for (int outer = 0; outer < chain.length; outer++) {
            for (int inner = 0; inner < chain.length; inner++) {
                assertThat(DivisionCode.contains(chain[outer], chain[inner]))
                        .as("%s contains %s", chain[outer], chain[inner])
                        .isEqualTo(outer <= inner);
            }
        }
    }

    @Test
    void barePrefixesWorkAsScopes() {
        assertThat(DivisionCode.contains("34", "341702102001")).isTrue();
        assertThat(DivisionCode.contains("3417", "341702")).isTrue();
        assertThat(DivisionCode.contains("3417", "341800")).isFalse();
    }

    @Test
    void neighboursAreNotContained() {
        assertThat(DivisionCode.contains("341702", "341703")).isFalse();
        assertThat(DivisionCode.contains("341700", "341800")).isFalse();
        assertThat(DivisionCode.contains("340000", "350000")).isFalse();
        assertThat(DivisionCode.contains("341702102", "341702103001")).isFalse();
    }

    @Test
    void invalidInputContainsNothingAndIsContainedByNothing() {
        assertThat(DivisionCode.contains("341", "341702")).isFalse();
        assertThat(DivisionCode.contains("341702", "3417")).isFalse();
        assertThat(DivisionCode.contains(null, "341702")).isFalse();
        assertThat(DivisionCode.contains("341702", null)).isFalse();
        assertThat(DivisionCode.contains("", "341702")).isFalse();
    }

    @Test
    void allZeroScopeDoesNotContainTheCountry() {
        assertThat(DivisionCode.contains("000000", "341702")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "341702102001,341702102", "341702102,341702", "341702,341700", "341700,340000" })
    void parentIsOneLevelUp(String code, String parent) {
        assertThat(DivisionCode.parentOf(code)).contains(parent);
    }

    @Test
    void provinceHasNoParent() {
        assertThat(DivisionCode.parentOf("340000")).isEmpty();
    }

    @Test
    void parentOfNeedsACode() {
        assertThatThrownBy(() -> DivisionCode.parentOf("3417")).isInstanceOf(IllegalArgumentException.class);
    }
}
