package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exact numbers in DuckDB. Autodesk documents integer ids and amounts alike as {@code number}; DuckDB has no type that
 * keeps both as written ({@code DOUBLE} turns {@code 37499} into {@code 37499.0} and rounds decimals). So a
 * {@code number} column is staged as text and typed from its values: {@code BIGINT} when every value is an integer of
 * at most 18 digits, else {@code DECIMAL(38, s)} with {@code s} the most fraction digits seen; a value that is not a
 * plain decimal keeps the column as text (widened, with a warning).
 */
final class DuckDbNumbers {

    private static final String PLAIN = "'^[+-]?[0-9]+([.][0-9]+)?$'";

    private DuckDbNumbers() {
    }

    /** Types the staged number columns. @return warnings for the columns left as text */
    static List<String> typeStaged(Connection c, String schema, String stage, TableLayout layout, String table)
            throws SQLException {
        List<String> warnings = new ArrayList<>();
        String stageQ = Identifiers.qualified(schema, stage);
        for (ColumnDef col : layout.columns()) {
            if (col.type() != ColumnType.NUMBER) {
                continue;
            }
            String v = value(col.name());
            String sql = "SELECT COUNT(*) FILTER (WHERE " + v + " IS NOT NULL AND NOT regexp_matches(" + v + ", "
                         + PLAIN + ")), MAX(CASE WHEN contains(" + v + ", '.') THEN length(split_part(" + v
                         + ", '.', 2)) ELSE 0 END), MAX(length(ltrim(split_part(ltrim(" + v + ", '+-'), '.', 1), '0')))"
                         + " FROM " + stageQ;
            long bad;
            int scale;
            int digits;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                bad = rs.getLong(1);
                scale = rs.getInt(2);
                digits = rs.getInt(3);
            }
            String type;
            if (bad > 0) {
                warnings.add(firstMisfit(c, stageQ, col.name(), table));
                continue;
            } else if (scale == 0 && digits <= 18) {
                type = "BIGINT";
            } else if (digits + scale <= 38) {
                type = "DECIMAL(38, " + scale + ")";
            } else {
                warnings.add("table " + table + " column " + col.name() + " declared 'number': values of " + digits
                             + " integer and " + scale + " fraction digits do not fit DECIMAL(38); loaded as text");
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + stageQ + " ALTER COLUMN " + Identifiers.quote(col.name()) + " SET DATA TYPE "
                          + type + " USING CAST(" + v + " AS " + type + ")");
            }
        }
        return warnings;
    }

    private static String firstMisfit(Connection c, String stageQ, String column, String table) throws SQLException {
        String v = value(column);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rowid + 1, " + Identifiers.quote(column) + " FROM " + stageQ
                                           + " WHERE " + v + " IS NOT NULL AND NOT regexp_matches(" + v + ", " + PLAIN
                                           + ") ORDER BY rowid LIMIT 1")) {
            rs.next();
            return "table " + table + " column " + column + " declared 'number': value '"
                   + Values.shorten(rs.getString(2)) + "' at data row " + rs.getLong(1)
                   + " does not fit; loaded as text";
        }
    }

    /**
     * Before staged rows go into an existing live table: a live {@code BIGINT} or {@code DECIMAL} column gets the scale
     * the staged values need, or becomes text when the staged column is text.
     */
    static void reconcile(Connection c, String schema, String table, String stage, TableLayout layout)
            throws SQLException {
        for (ColumnDef col : layout.columns()) {
            if (col.type() != ColumnType.NUMBER) {
                continue;
            }
            String live = typeOf(c, schema, table, col.name());
            String staged = typeOf(c, schema, stage, col.name());
            if (live == null || staged == null || live.equals(staged)) {
                continue;
            }
            String target;
            if (staged.startsWith("VARCHAR") || live.startsWith("VARCHAR")) {
                target = "VARCHAR";
            } else if (staged.equals("BIGINT")) {
                continue; // integers fit the live decimal
            } else {
                target = live.equals("BIGINT") || scaleOf(staged) > scaleOf(live) ? staged : null;
            }
            if (target != null) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + Identifiers.qualified(schema, table) + " ALTER COLUMN "
                              + Identifiers.quote(col.name()) + " SET DATA TYPE " + target);
                }
            }
        }
    }

    /** @return the DuckDB type of a column, upper case (e.g. {@code DECIMAL(38,4)}), or null */
    static String typeOf(Connection c, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                                                       + "WHERE table_schema = ? AND table_name = ? "
                                                       + "AND column_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).toUpperCase(Locale.ROOT).replace(" ", "") : null;
            }
        }
    }

    private static int scaleOf(String decimal) {
        int comma = decimal.indexOf(',');
        return comma < 0 ? 0 : Integer.parseInt(decimal.substring(comma + 1, decimal.length() - 1).trim());
    }

    /** The staged text of a number column: blank is NULL, as on the row path. */
    private static String value(String column) {
        return "NULLIF(trim(" + Identifiers.quote(column) + "), '')";
    }
}
