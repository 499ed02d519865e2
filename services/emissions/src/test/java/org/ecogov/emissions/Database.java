package org.ecogov.emissions;

import org.ecogov.testing.PostgresTestResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct SQL on the emissions service's test database, behind the service's back. */
public final class Database {

    private static final List<String> TABLES = List.of("audit_entry", "event_outbox", "event_dead_letter", "enterprise_copy",
            "outlet_copy", "outlet_limit", "permit_copy", "measurement", "measurement_batch", "organisation_binding", "exceedance", "data_gap", "report", "idempotency_record", "measurement_day");

    private Database() {
    }

    public static long count(String table) {
        return queryLong("select count(*) from " + table);
    }

    /** Row count of every table of the service: a write that should not have happened changes one. */
    public static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(table));
        }
        return counts;
    }

    public static long queryLong(String sql) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String queryString(String sql) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of a query, each as its columns' text. */
    public static List<List<String>> rows(String sql) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new java.util.ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(String... statements) {
        try (Connection c = PostgresTestResource.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }
}
