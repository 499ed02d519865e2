package org.ecogov.complaints;

import org.ecogov.testing.PostgresTestResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct SQL on the complaints test database, behind the service's back. */
public final class Database {

    private static final List<String> TABLES = List.of("complaint", "custody", "public_update", "transfer", "photo", "audit_entry", "event_outbox",
            "idempotency_record");

    private Database() {
    }

    public static long count(String table) {
        return queryLong("select count(*) from " + table);
    }

    /** Row count of every complaints table: a write that should not have happened changes one. */
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
