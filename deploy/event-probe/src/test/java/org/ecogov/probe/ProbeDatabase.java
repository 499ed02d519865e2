package org.ecogov.probe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.ecogov.testing.PostgresTestResource;

/** Plain JDBC on the probe's test database, beside the application. */
final class ProbeDatabase {

    private ProbeDatabase() {
    }

    static long count(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String text(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Parks a message that was no CloudEvent, as the consumption does, and returns its dead letter's id. */
    static String parkUnreadable(String payload) throws SQLException {
        return text("insert into event_dead_letter (consumer, envelope, attempts, last_error) values ('event-probe', '"
                + payload.replace("'", "''") + "', 1, 'UnreadableEventException: no CloudEvent') returning letter_id");
    }

    /** Every dead letter and attempt record as text, to compare before and after. */
    static String deadLetterState() throws SQLException {
        return text("select coalesce(string_agg(concat_ws('|', id, consumer, event_id, attempts, last_error, replayed_at), ';'"
                + " order by id), '') from event_dead_letter");
    }
}
