package org.ecogov.enforcement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The distance a record's position lies from the registered location, and the warning beyond the threshold. */
class LocationCheckTest {

    @Test
    void theSamePlaceIsNoDistance() {
        assertThat(LocationCheck.of(30.6578, 117.4853, 30.6578, 117.4853, 500))
                .isEqualTo(new LocationCheck(0, 500, false));
    }

    @Test
    void oneThousandthOfADegreeOfLatitudeIsAbout111Metres() {
        // 2 * pi * 6371008.8 m / 360 / 1000 = 111.195 m
        assertThat(LocationCheck.of(30.6588, 117.4853, 30.6578, 117.4853, 500).distanceMetres()).isEqualTo(111);
    }

    @Test
    void aDegreeOfLongitudeShrinksWithTheCosineOfTheLatitude() {
        // at 60 degrees north a degree of longitude is half of one at the equator: 111195 / 2 = 55597.5, and the
        // great circle between the two points bends slightly towards the pole, a few metres shorter
        long d = LocationCheck.of(60, 10, 60, 11, 500).distanceMetres();
        assertThat(d).isBetween(55_580L, 55_598L);
    }

    @Test
    void beyondTheThresholdWarnsAndAtItDoesNot() {
        // 0.0045 degrees of latitude: 500.38 m
        assertThat(LocationCheck.of(30.6623, 117.4853, 30.6578, 117.4853, 500).warning()).isFalse();
        assertThat(LocationCheck.of(30.6624, 117.4853, 30.6578, 117.4853, 500).warning()).isTrue();
    }

    @Test
    void antipodesAreHalfTheEarthsCircumferenceApart() {
        assertThat(LocationCheck.of(0, 0, 0, 180, 500).distanceMetres()).isEqualTo(Math.round(Math.PI * 6_371_008.8));
    }
}
