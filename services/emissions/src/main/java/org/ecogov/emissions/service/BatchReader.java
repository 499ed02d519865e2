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
    private static final Set<String> POLLUTANTS = Set.of("a00000", "a21026", "a21002", "a34013", "w00000", "w01001",
            "w01018", "w21003", "w21011", "w21001");

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

    private final ObjectMapper json;
    private final MeasurementWindow window;
    private final Set<String> outlets;

    /**
     * @param window the times accepted now
     * @param outlets the enterprise's outlets as the copy holds them
     */
    public BatchReader(ObjectMapper json, MeasurementWindow window, Set<String> outlets) {
        this.json = json;
        this.window = window;
        this.outlets = outlets;
    }

    /** Reads the whole body; a batch over {@link #MAX_ROWS} rows is refused by the caller from {@link Read#rows}. */
    public Read read(Format format, String body) {
        List<Measurement> valid = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<Measurement.Key, Integer> seen = new HashMap<>();
        Iterator<String> lines = body.lines().iterator();
        String[] header = null;
        if (format == Format.CSV) {
            if (!lines.hasNext()) {
                return new Read(valid, List.of(new RowError(1, "", "a CSV batch starts with a header line naming "
                        + "its columns: " + String.join(",", COLUMNS))), 0);
            }
            header = cells(lines.next());
            for (String column : header) {
                if (!COLUMNS.contains(column)) {
                    return new Read(valid, List.of(new RowError(1, "", "the header names an unknown column '"
                            + clip(column) + "'; the columns are " + String.join(",", COLUMNS))), 0);
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
            Map<String, String> fields = format == Format.CSV ? csvRow(header, line, row, errors) : jsonRow(line, row, errors);
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

    private Map<String, String> jsonRow(String line, int row, List<RowError> errors) {
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
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!COLUMNS.contains(member.getKey())) {
                errors.add(new RowError(row, "", "unknown member '" + clip(member.getKey()) + "'"));
                return null;
            }
            JsonNode value = member.getValue();
            boolean numeric = List.of("avg", "min", "max").contains(member.getKey());
            if (value.isNull()) {
                continue;
            }
            if (numeric ? !value.isNumber() : !value.isTextual()) {
                errors.add(new RowError(row, member.getKey(), numeric ? "must be a number" : "must be a string"));
                return null;
            }
            fields.put(member.getKey(), value.asText());
        }
        return fields;
    }

    private static Map<String, String> csvRow(String[] header, String line, int row, List<RowError> errors) {
        String[] cells = cells(line);
        if (cells.length != header.length) {
            errors.add(new RowError(row, "", "has " + cells.length + " cells where the header names " + header.length));
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isEmpty()) {
                fields.put(header[i], cells[i]);
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

    private Measurement check(Map<String, String> f, int row, List<RowError> errors) {
        String outlet = f.get("outlet");
        if (outlet == null) {
            return refuse(errors, row, "outlet", "is required");
        }
        if (!outlets.contains(outlet)) {
            return refuse(errors, row, "outlet", "'" + clip(outlet) + "' is not an outlet of the enterprise");
        }
        String pollutant = f.get("pollutant");
        if (pollutant == null || !POLLUTANTS.contains(pollutant)) {
            return refuse(errors, row, "pollutant", pollutant == null ? "is required"
                    : "'" + clip(pollutant) + "' is not a pollutant code of the common list");
        }
        MeasurementKind kind = f.get("kind") == null ? null : MeasurementKind.of(f.get("kind")).orElse(null);
        if (kind == null) {
            return refuse(errors, row, "kind", "must be one of: real-time, minute, hourly, daily");
        }
        String timeText = f.get("time");
        if (timeText == null) {
            return refuse(errors, row, "time", "is required");
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(timeText).toInstant();
        } catch (DateTimeParseException e) {
            return refuse(errors, row, "time", "must be an RFC 3339 time with an offset, e.g. 2026-11-29T08:00:00+08:00");
        }
        if (!window.contains(time)) {
            return refuse(errors, row, "time", "lies outside the accepted window, from " + window.from() + " to "
                    + window.until() + " (too far in the " + (time.isBefore(window.from()) ? "past" : "future") + ")");
        }
        Double avg = number(f, "avg", row, errors);
        Double min = number(f, "min", row, errors);
        Double max = number(f, "max", row, errors);
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
        DataFlag flag = DataFlag.ofCode(f.get("flag")).orElse(null);
        if (flag == null) {
            return refuse(errors, row, "flag", "must be an HJ 212-2017 data flag: N, F, M, S, D, C, T or B");
        }
        return new Measurement(outlet, pollutant, kind, time, avg, min, max, flag);
    }

    /** Marks a column that holds something other than a number (an error is recorded). */
    private static final Double NOT_A_NUMBER = Double.valueOf(Double.NaN);

    private static Double number(Map<String, String> f, String column, int row, List<RowError> errors) {
        String text = f.get(column);
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
        errors.add(new RowError(row, column, "must be a finite number"));
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
