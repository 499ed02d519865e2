package org.ecogov.emissions.domain;

import java.time.Instant;

/** One monitoring value of an outlet and pollutant, as ingest stores it. */
public record Measurement(String outlet, String pollutant, MeasurementKind kind, Instant time, Double avg, Double min,
        Double max, DataFlag flag) {

    /** What makes a value the same value: a second one with this key is a duplicate. */
    public record Key(String outlet, String pollutant, MeasurementKind kind, Instant time) {

        /**
         * Mixes the time's seconds well: times a whole hour apart differ only in high bits of the record's default
         * hash, so a batch's keys would crowd into few of a hash table's buckets.
         */
        @Override
        public int hashCode() {
            long h = (outlet.hashCode() * 31L + pollutant.hashCode()) * 31L + kind.ordinal();
            h = h * 0x9E3779B97F4A7C15L + time.getEpochSecond();
            h = h * 0x9E3779B97F4A7C15L + time.getNano();
            return (int) (h ^ (h >>> 32));
        }
    }

    public Key key() {
        return new Key(outlet, pollutant, kind, time);
    }
}
