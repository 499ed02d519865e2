package org.ecogov.enforcement.domain;

/**
 * Where an inspection record was taken, compared with the enterprise's registered location: the great-circle
 * distance (haversine on a sphere of the mean earth radius, IUGG 6,371,008.8 m), rounded to the metre, and whether
 * it lies beyond the threshold. Good to a few metres over the distances that matter here (an inspector at the wrong
 * gate or in the wrong town), which is all the warning needs.
 */
public record LocationCheck(long distanceMetres, int thresholdMetres, boolean warning) {

    public static final double MEAN_EARTH_RADIUS_METRES = 6_371_008.8;

    public static LocationCheck of(double latitude, double longitude, double registeredLatitude,
            double registeredLongitude, int thresholdMetres) {
        long distance = Math.round(distanceMetres(latitude, longitude, registeredLatitude, registeredLongitude));
        return new LocationCheck(distance, thresholdMetres, distance > thresholdMetres);
    }

    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * MEAN_EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
