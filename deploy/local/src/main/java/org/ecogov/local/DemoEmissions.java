package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo park's monitoring values, sent through the emissions service's bulk ingest (as JSON lines, with a
 * platform-admin token, through the gateway) so every value is judged against its limit as any device's would be:
 * hourly values of every outlet and pollutant of {@code demo/park.json} with a limit, and its flows, from the first day
 * of the month three months before the current one up to the last full hour.
 * <ul>
 * <li>The values are made up but fixed: each is a function of its outlet, pollutant and hour (a daily swing around half
 * the limit plus a deterministic wobble), so a start sends what an earlier one sent for the same hour.</li>
 * <li>A handful of exceedances ({@link #EPISODES}): hours at fixed days of the window whose values are above the limit
 * (a pH below its range once).</li>
 * <li>One silent device ({@link #SILENT_OUTLET} of {@link #SILENT_ENTERPRISE}): it sends nothing after the 30th day of
 * the window, its last hours above the SO2 limit, so an exceedance stays open and the service's silence watch opens a
 * data gap for it.</li>
 * </ul>
 * Idempotent: the values go in one batch per enterprise and week (UTC, Monday first), whose id is derived from the
 * enterprise and the hours it covers; a week sent whole before is a replayed batch that changes nothing, and the
 * current week's batch (new hours since the last start) stores only what the service does not hold yet.
 */
public final class DemoEmissions {

    /** The service whose API the values go to. */
    public static final String SERVICE = "emissions";
    public static final String SILENT_ENTERPRISE = "91341702470155873W";
    public static final String SILENT_OUTLET = "DA001";
    /** The day of the window after which the silent device sends nothing. */
    static final int SILENT_AFTER_DAY = 30;

    /** An exceedance: from {@code hour} of day {@code day} of the window, {@code hours} values at {@code factor} x limit. */
    record Episode(String uscc, String outlet, String pollutant, int day, int hour, int hours, double factor) {
    }

    static final List<Episode> EPISODES = List.of(
            new Episode("91341702669392367N", "DA001", "a21026", 12, 9, 3, 1.6),
            new Episode("91341702669392367N", "DA002", "a21002", 41, 22, 2, 1.3),
            new Episode("91341702669392367N", "DW001", "w01001", 55, 4, 1, 0.55),
            new Episode("91341702630566720G", "DW001", "w01018", 63, 14, 4, 1.4),
            new Episode("91341702354288055C", "DA001", "a34013", 70, 2, 1, 2.1),
            // the silent device's last hours
            new Episode(SILENT_ENTERPRISE, SILENT_OUTLET, "a21026", SILENT_AFTER_DAY - 1, 21, 3, 1.8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** What was sent and stored, for the start-up banner. */
    public record Summary(Instant from, Instant to, int outlets, long values, long stored, int batches, int replayed,
            int exceedanceEpisodes) {
    }

    /** How far back the values go ({@code ecogov.demo.emissions.window}): months or days before the current one. */
    private final Period window;

    /** The local run's window: from the first day of the month three months before the current one. */
    public DemoEmissions() {
        this(Period.ofMonths(3));
    }

    /**
     * @param window in months (from the first day of the month that many months before the current one, UTC) or,
     *               without months, in days (from the start of the UTC day that many days before today); the system
     *               tests take a shorter one than the run
     */
    public DemoEmissions(Period window) {
        if (window.isNegative() || window.isZero() || window.getYears() != 0
                || (window.getMonths() != 0 && window.getDays() != 0)) {
            throw new IllegalArgumentException("the demo emissions' window is months or days, not " + window);
        }
        if (window.getMonths() == 0 && window.getDays() <= SILENT_AFTER_DAY + 7) {
            // the silent device must be silent for longer than the latest values look back (7 days)
            throw new IllegalArgumentException("the demo emissions' window needs more than " + (SILENT_AFTER_DAY + 7)
                    + " days for the silent device: " + window);
        }
        this.window = window;
    }

    /** The first hour of the demo window (UTC). */
    Instant windowStart(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = window.getMonths() != 0 ? today.withDayOfMonth(1).minusMonths(window.getMonths())
                : today.minusDays(window.getDays());
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * @param gateway    the gateway's base URL (or the emissions service's)
     * @param adminToken a current platform-admin token on each call
     */
    public Summary load(URI gateway, Supplier<String> adminToken, Instant now) {
        JsonNode park = DemoData.park();
        // the service's copy of the registry follows the registry's events; ask it to catch up with the park now
        reloadLimits(gateway, adminToken.get());
        Instant from = windowStart(now);
        Instant to = now.truncatedTo(ChronoUnit.HOURS); // the last full hour starts an hour before this
        long values = 0;
        long stored = 0;
        int batches = 0;
        int replayed = 0;
        int outlets = 0;
        for (JsonNode enterprise : park.get("enterprises")) {
            String uscc = enterprise.get("uscc").asText();
            List<Channel> channels = channels(enterprise);
            outlets += enterprise.get("outlets").size();
            for (Instant week = monday(from); week.isBefore(to); week = week.plus(Duration.ofDays(7))) {
                Instant start = week.isBefore(from) ? from : week;
                Instant end = week.plus(Duration.ofDays(7)).isAfter(to) ? to : week.plus(Duration.ofDays(7));
                StringBuilder lines = new StringBuilder();
                int rows = 0;
                for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
                    for (Channel channel : channels) {
                        Double value = channel.value(uscc, hour, from);
                        if (value != null) {
                            lines.append("{\"outlet\":\"").append(channel.outlet()).append("\",\"pollutant\":\"")
                                    .append(channel.pollutant()).append("\",\"kind\":\"hourly\",\"time\":\"").append(hour)
                                    .append("\",\"avg\":").append(String.format(Locale.ROOT, "%.3f", value))
                                    .append(",\"flag\":\"N\"}\n");
                            rows++;
                        }
                    }
                }
                if (rows == 0) {
                    continue;
                }
                UUID batch = UUID.nameUUIDFromBytes(("demo-emissions|" + uscc + "|" + start + "|" + end)
                        .getBytes(StandardCharsets.UTF_8));
                JsonNode result = send(gateway, adminToken.get(), uscc, batch, lines.toString());
                values += rows;
                batches++;
                if (result.path("replayed").asBoolean()) {
                    replayed++; // the first answer again: what it accepted then is no news
                } else {
                    stored += result.path("accepted").asLong();
                }
            }
        }
        long days = Duration.between(from, to).toDays();
        int episodes = (int) EPISODES.stream().filter(e -> e.day() < days).count();
        return new Summary(from, to, outlets, values, stored, batches, replayed, episodes);
    }

    private static Instant monday(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** An outlet's pollutant with a limit, or its flow, as the demo park gives them. */
    record Channel(String outlet, String pollutant, Double limitMin, Double limitMax) {

        /** The value of an hour, or null when the device sends nothing then. */
        Double value(String uscc, Instant hour, Instant windowStart) {
            long day = Duration.between(windowStart, hour).toDays();
            if (uscc.equals(SILENT_ENTERPRISE) && outlet.equals(SILENT_OUTLET) && day >= SILENT_AFTER_DAY) {
                return null;
            }
            int hourOfDay = hour.atOffset(ZoneOffset.UTC).getHour();
            for (Episode e : EPISODES) {
                if (e.uscc().equals(uscc) && e.outlet().equals(outlet) && e.pollutant().equals(pollutant)
                        && day == e.day() && hourOfDay >= e.hour() && hourOfDay < e.hour() + e.hours()) {
                    return (limitMin != null && e.factor() < 1 ? limitMin : limitMax) * e.factor();
                }
            }
            double wobble = wobble(uscc + outlet + pollutant, hour);
            double swing = Math.sin(2 * Math.PI * hourOfDay / 24.0);
            if (pollutant.equals("a00000")) {
                return 48_000 + 6_000 * swing + 2_000 * wobble;   // flue gas, m3/h
            }
            if (pollutant.equals("w00000")) {
                return 40 + 8 * swing + 3 * wobble;               // wastewater, m3/h
            }
            if (limitMin != null && limitMax != null) {
                return (limitMin + limitMax) / 2 + (limitMax - limitMin) * 0.15 * (swing + wobble) / 2; // pH
            }
            return limitMax * (0.45 + 0.12 * swing + 0.08 * wobble);
        }

        /** A deterministic number in [-1, 1) for a channel and hour. */
        private static double wobble(String channel, Instant hour) {
            long seed = channel.hashCode() * 31L + hour.getEpochSecond() / 3600;
            seed ^= seed >>> 33;
            seed *= 0xff51afd7ed558ccdL;
            seed ^= seed >>> 33;
            return ((seed >>> 11) * 0x1.0p-53) * 2 - 1;
        }
    }

    private static List<Channel> channels(JsonNode enterprise) {
        List<Channel> channels = new ArrayList<>();
        for (JsonNode outlet : enterprise.get("outlets")) {
            for (JsonNode p : outlet.at("/details/pollutants")) {
                String pollutant = p.get("pollutant").asText();
                Double min = p.has("limitMin") ? p.get("limitMin").asDouble() : null;
                Double max = p.has("limitMax") ? p.get("limitMax").asDouble() : null;
                boolean flow = pollutant.equals("a00000") || pollutant.equals("w00000");
                if (flow || max != null) {
                    channels.add(new Channel(outlet.get("code").asText(), pollutant, min, max));
                }
            }
        }
        return channels;
    }

    private void reloadLimits(URI gateway, String token) {
        String path = "/api/v1/emissions/limit-reloads";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo emissions: POST " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demo emissions: POST " + path + " at " + gateway + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading demo emissions", e);
        }
    }

    private JsonNode send(URI gateway, String token, String uscc, UUID batch, String lines) {
        String path = "/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/" + batch;
        try {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-ndjson")
                    .PUT(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("demo emissions: PUT " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            JsonNode result = json.readTree(response.body());
            if (result.path("rejected").asLong() > 0) {
                throw new IllegalStateException("demo emissions: PUT " + path + " refused rows: " + result.path("errors"));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("demo emissions: PUT " + path + " at " + gateway + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading demo emissions", e);
        }
    }
}
