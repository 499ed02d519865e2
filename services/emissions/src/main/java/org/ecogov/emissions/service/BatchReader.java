package org.ecogov.emissions.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ecogov.emissions.domain.DataFlag;
import org.ecogov.emissions.domain.Measurement;
import org.ecogov.emissions.domain.MeasurementKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a batch of monitoring values (JSON lines or CSV) row by row and checks every row, so that one bad row is
 * reported with its number, field and reason and the others are kept. Pure: no I/O, no clock of its own.
 */
public final class BatchReader {

    public static final int MAX_ROWS = 100_000;
    public static final List<String> COLUMNS = List.of("outlet", "pollutant", "kind", "time", "avg", "min", "max", "flag");
    /** The pollutant codes of the common list, each mapped to itself (one instance for every row). */
    private static final Map<String, String> POLLUTANTS = java.util.stream.Stream.of("a00000", "a21026", "a21002",
            "a34013", "w00000", "w01001", "w01018", "w21003", "w21011", "w21001")
            .collect(java.util.stream.Collectors.toUnmodifiableMap(code -> code, code -> code));

    public enum Format {
        JSON_LINES("json-lines"), CSV("csv");

        private final String value;

        Format(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public record RowError(int row, String field, String message) {
    }

    /** The valid rows, the refused ones, and how many rows were read. */
    public record Read(List<Measurement> valid, List<RowError> errors, int rows) {
    }

    private static final int OUTLET = 0;
    private static final int POLLUTANT = 1;
    private static final int KIND = 2;
    private static final int TIME = 3;
    private static final int AVG = 4;
    private static final int MIN = 5;
    private static final int MAX = 6;
    private static final int FLAG = 7;

    private final ObjectMapper json;
    private final MeasurementWindow window;
    /** The enterprise's outlet codes, each mapped to itself: a row's code is replaced by this one instance. */
    private final Map<String, String> outlets = new HashMap<>();
    /** The last time read and what it was: a device's values of one time come together, so most rows repeat it. */
    private String lastTimeText;
    private Instant lastTime;

    /**
     * @param window the times accepted now
     * @param outlets the enterprise's outlets as the copy holds them
     */
    public BatchReader(ObjectMapper json, MeasurementWindow window, Set<String> outlets) {
        this.json = json;
        this.window = window;
        outlets.forEach(code -> this.outlets.put(code, code));
    }

    /** Reads the whole body; a batch over {@link #MAX_ROWS} rows is refused by the caller from {@link Read#rows}. */
    public Read read(Format format, String body) {
        List<Measurement> valid = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<Measurement.Key, Integer> seen = new HashMap<>();
        Iterator<String> lines = body.lines().iterator();
        int[] header = null;
        if (format == Format.CSV) {
            if (!lines.hasNext()) {
                return new Read(valid, List.of(new RowError(1, "", "a CSV batch starts with a header line naming "
                        + "its columns: " + String.join(",", COLUMNS))), 0);
            }
            String[] names = cells(lines.next());
            header = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                header[i] = COLUMNS.indexOf(names[i]);
                if (header[i] < 0) {
                    return new Read(valid, List.of(new RowError(1, "", "the header names an unknown column '"
                            + clip(names[i]) + "'; the columns are " + String.join(",", COLUMNS))), 0);
                }
            }
        }
        int row = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            row++;
            if (row > MAX_ROWS) {
                return new Read(List.of(), List.of(), row);
            }
            int before = errors.size();
            String[] fields = format == Format.CSV ? csvRow(header, line, row, errors) : jsonRow(line, row, errors);
            if (errors.size() > before) {
                continue;
            }
            Measurement value = check(fields, row, errors);
            if (value == null) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(value.key(), row);
            if (earlier != null) {
                errors.add(new RowError(row, "time", "the same outlet, pollutant, kind and time as row " + earlier));
                continue;
            }
            valid.add(value);
        }
        return new Read(valid, errors, row);
    }

    private String[] jsonRow(String line, int row, List<RowError> errors) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(new RowError(row, "", "not a JSON object: " + clip(e.getOriginalMessage())));
            return null;
        }
        if (node == null || !node.isObject()) {
            errors.add(new RowError(row, "", "not a JSON object"));
            return null;
        }
        String[] fields = new String[COLUMNS.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            int column = COLUMNS.indexOf(member.getKey());
            if (column < 0) {
                errors.add(new RowError(row, "", "unknown member '" + clip(member.getKey()) + "'"));
                return null;
            }
            JsonNode value = member.getValue();
            boolean numeric = column == AVG || column == MIN || column == MAX;
            if (value.isNull()) {
                continue;
            }
            if (numeric ? !value.isNumber() : !value.isTextual()) {
                errors.add(new RowError(row, member.getKey(), numeric ? "must be a number" : "must be a string"));
                return null;
            }
            fields[column] = value.asText();
        }
        return fields;
    }

    private static String[] csvRow(int[] header, String line, int row, List<RowError> errors) {
        String[] cells = cells(line);
        if (cells.length != header.length) {
            errors.add(new RowError(row, "", "has " + cells.length + " cells where the header names " + header.length));
            return null;
        }
        String[] fields = new String[COLUMNS.size()];
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                fields[header[i]] = cells[i];
            }
        }
        return fields;
    }

    /** The cells of a line of this batch format: no cell holds a comma, so a cell is what lies between commas. */
    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].strip();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1);
            }
            cells[i] = cell;
        }
        return cells;
    }

    private Measurement check(String[] f, int row, List<RowError> errors) {
        String outlet = f[OUTLET];
        if (outlet == null) {
            return refuse(errors, row, "outlet", "is required");
        }
        outlet = outlets.get(outlet);
        if (outlet == null) {
            return refuse(errors, row, "outlet", "'" + clip(f[OUTLET]) + "' is not an outlet of the enterprise");
        }
        String pollutant = f[POLLUTANT] == null ? null : POLLUTANTS.get(f[POLLUTANT]);
        if (pollutant == null) {
            pollutant = f[POLLUTANT];
            return refuse(errors, row, "pollutant", pollutant == null ? "is required"
                    : "'" + clip(pollutant) + "' is not a pollutant code of the common list");
        }
        MeasurementKind kind = f[KIND] == null ? null : MeasurementKind.of(f[KIND]).orElse(null);
        if (kind == null) {
            return refuse(errors, row, "kind", "must be one of: real-time, minute, hourly, daily");
        }
        String timeText = f[TIME];
        if (timeText == null) {
            return refuse(errors, row, "time", "is required");
        }
        Instant time;
        if (timeText.equals(lastTimeText)) {
            time = lastTime;
        } else {
            try {
                time = OffsetDateTime.parse(timeText).toInstant();
            } catch (DateTimeParseException e) {
                return refuse(errors, row, "time", "must be an RFC 3339 time with an offset, e.g. 2026-11-29T08:00:00+08:00");
            }
            lastTimeText = timeText;
            lastTime = time;
        }
        if (!window.contains(time)) {
            return refuse(errors, row, "time", "lies outside the accepted window, from " + window.from() + " to "
                    + window.until() + " (too far in the " + (time.isBefore(window.from()) ? "past" : "future") + ")");
        }
        Double avg = number(f, AVG, row, errors);
        Double min = number(f, MIN, row, errors);
        Double max = number(f, MAX, row, errors);
        if (avg == NOT_A_NUMBER || min == NOT_A_NUMBER || max == NOT_A_NUMBER) {
            return null;
        }
        if (avg == null && min == null && max == null) {
            return refuse(errors, row, "avg", "at least one of avg, min, max is required");
        }
        if (min != null && max != null && min > max) {
            return refuse(errors, row, "min", "is above max");
        }
        if (avg != null && (min != null && avg < min || max != null && avg > max)) {
            return refuse(errors, row, "avg", "lies outside min..max");
        }
        DataFlag flag = DataFlag.ofCode(f[FLAG]).orElse(null);
        if (flag == null) {
            return refuse(errors, row, "flag", "must be an HJ 212-2017 data flag: N, F, M, S, D, C, T or B");
        }
        return new Measurement(outlet, pollutant, kind, time, avg, min, max, flag);
    }

    /** Marks a column that holds something other than a number (an error is recorded). */
    private static final Double NOT_A_NUMBER = Double.valueOf(Double.NaN);

    private static Double number(String[] f, int column, int row, List<RowError> errors) {
        String text = f[column];
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value) && text.length() <= 30) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        errors.add(new RowError(row, COLUMNS.get(column), "must be a finite number"));
        return NOT_A_NUMBER;
    }

    private static Measurement refuse(List<RowError> errors, int row, String field, String message) {
        errors.add(new RowError(row, field, message));
        return null;
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("[\\u0000-\\u001f]", " ");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
