package org.ecogov.runtime.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OutletCodeTest {

    @Test
    void airAndWaterOutlets() {
        assertThat(OutletCode.isWellFormed("DA001")).isTrue();
        assertThat(OutletCode.isAir("DA001")).isTrue();
        assertThat(OutletCode.isWater("DA001")).isFalse();
        assertThat(OutletCode.isWellFormed("DW123")).isTrue();
        assertThat(OutletCode.isWater("DW123")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "DX001", "da001", "DA01", "DA0001", "DA00A", "WA001" })
    void otherFormsAreRejected(String code) {
        assertThat(OutletCode.isWellFormed(code)).isFalse();
        assertThat(OutletCode.isAir(code)).isFalse();
        assertThat(OutletCode.isWater(code)).isFalse();
    }
}
