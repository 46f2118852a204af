package io.dataconnector.camel.etl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A second process's view of the warehouse: opens the DuckDB file read-only, prints the number of history rows of
 * the given schema and table, exits 0; exits 1 with the error when the file cannot be opened (e.g. locked).
 */
public final class DuckDbReadOnlyProbe {

    private DuckDbReadOnlyProbe() {
    }

    public static void main(String[] args) {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + args[1] + "." + args[2])) {
            rs.next();
            System.out.println("rows=" + rs.getLong(1));
            System.exit(0);
        } catch (Exception e) {
            System.out.println("error=" + e.getMessage());
            System.exit(1);
        }
    }
}
