package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Types the staged number columns still held as text (all of them after the row path; after
     * {@link DuckDbCsvReader} only those with a value that is not a plain decimal or too long): one scan measures every such column
     * (misfits, scale, integer digits), then one statement rebuilds the staging table with the typed columns (an ALTER
     * per column would rewrite it once per column).
     *
     * @return warnings for the columns left as text
     */
    static List<String> typeStaged(Connection c, String schema, String stage, TableLayout layout, String table)
            throws SQLException {
        List<String> warnings = new ArrayList<>();
        String stageQ = Identifiers.qualified(schema, stage);
        List<ColumnDef> declared = layout.columns().stream().filter(col -> col.type() == ColumnType.NUMBER).toList();
        if (declared.isEmpty()) {
            return warnings;
        }
        Map<String, String> staged = typesOf(c, schema, stage);
        List<ColumnDef> numbers = declared.stream()
                .filter(col -> staged.getOrDefault(col.name(), "VARCHAR").startsWith("VARCHAR")).toList();
        if (numbers.isEmpty()) {
            return warnings;
        }
        Stats stats = measure(c, numbers.stream().map(col -> Identifiers.quote(col.name())).toList(), stageQ);
        StringBuilder replace = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            String name = numbers.get(i).name();
            String type = stats.typeOf(i);
            if (stats.bad[i] > 0) {
                warnings.add(firstMisfit(c, stageQ, name, table));
                continue;
            } else if (type == null) {
                warnings.add("table " + table + " column " + name + " declared 'number': values of "
                             + stats.digits[i] + " integer and " + stats.scale[i]
                             + " fraction digits do not fit DECIMAL(38); loaded as text");
                continue;
            }
            replace.append(replace.length() == 0 ? "" : ", ").append("CAST(")
                    .append(value(Identifiers.quote(name))).append(" AS ").append(type).append(") AS ")
                    .append(Identifiers.quote(name));
        }
        if (replace.length() > 0) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE " + stageQ + " AS SELECT * REPLACE (" + replace + ") FROM "
                          + stageQ);
            }
        }
        return warnings;
    }

    /**
     * @param scale  the most fraction digits of a column's values
     * @param digits the most integer digits (leading zeros not counted)
     * @return {@code BIGINT} when every value is an integer of at most 18 digits, else {@code DECIMAL(38, scale)}, or
     *         null when the values do not fit {@code DECIMAL(38)}
     */
    static String exactType(int scale, int digits) {
        if (scale == 0 && digits <= 18) {
            return "BIGINT";
        }
        return digits + scale <= 38 ? "DECIMAL(38, " + scale + ")" : null;
    }

    /** Per column: values that are not plain decimals, most fraction digits, most integer digits. */
    private record Stats(long[] bad, int[] scale, int[] digits) {

        /** @return the exact type of column i's values, or null when they do not fit DECIMAL(38) */
        String typeOf(int i) {
            return exactType(scale[i], digits[i]);
        }
    }

    private static Stats measure(Connection c, List<String> columns, String from) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String v = value(columns.get(i));
            sql.append(i == 0 ? "" : ", ")
                    .append("COUNT(*) FILTER (WHERE ").append(v).append(" IS NOT NULL AND NOT regexp_matches(")
                    .append(v).append(", ").append(PLAIN).append(")), MAX(CASE WHEN contains(").append(v)
                    .append(", '.') THEN length(split_part(").append(v).append(", '.', 2)) ELSE 0 END), ")
                    .append("MAX(length(ltrim(split_part(ltrim(").append(v).append(", '+-'), '.', 1), '0')))");
        }
        sql.append(" FROM ").append(from);
        Stats stats = new Stats(new long[columns.size()], new int[columns.size()], new int[columns.size()]);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < columns.size(); i++) {
                stats.bad[i] = rs.getLong(3 * i + 1);
                stats.scale[i] = rs.getInt(3 * i + 2);
                stats.digits[i] = rs.getInt(3 * i + 3);
            }
        }
        return stats;
    }

    private static String firstMisfit(Connection c, String stageQ, String column, String table) throws SQLException {
        String v = value(Identifiers.quote(column));
        try (Statement s = c.createStatement();
             // the row's position, not rowid + 1: rows of a staging table not yet committed have transaction-local
             // row ids (far above the row count)
             ResultSet rs = s.executeQuery("SELECT _dc_pos, " + Identifiers.quote(column) + " FROM (SELECT "
                                           + "row_number() OVER (ORDER BY rowid) AS _dc_pos, " + Identifiers.quote(column)
                                           + " FROM " + stageQ + ") WHERE " + v + " IS NOT NULL AND NOT regexp_matches("
                                           + v + ", " + PLAIN + ") ORDER BY _dc_pos LIMIT 1")) {
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
        if (layout.columns().stream().noneMatch(col -> col.type() == ColumnType.NUMBER)) {
            return;
        }
        Map<String, String> liveTypes = typesOf(c, schema, table);
        Map<String, String> stagedTypes = typesOf(c, schema, stage);
        for (ColumnDef col : layout.columns()) {
            if (col.type() != ColumnType.NUMBER) {
                continue;
            }
            String live = liveTypes.get(col.name());
            String staged = stagedTypes.get(col.name());
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

    /**
     * @return column name → DuckDB type (upper case, e.g. {@code DECIMAL(38,4)}) of one existing table; one direct
     *         catalogue look-up ({@code pragma_table_info}: ~2 ms, where {@code duckdb_columns()} or
     *         information_schema build a row for every column of every table, ~25 ms with 300 tables)
     * @throws SQLException when the table does not exist
     */
    static Map<String, String> typesOf(Connection c, String schema, String table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, type FROM pragma_table_info(?)")) {
            ps.setString(1, Identifiers.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT).replace(" ", ""));
                }
            }
        }
        return out;
    }

    private static int scaleOf(String decimal) {
        int comma = decimal.indexOf(',');
        return comma < 0 ? 0 : Integer.parseInt(decimal.substring(comma + 1, decimal.length() - 1).trim());
    }

    /** The text of a number column or field (an SQL expression): blank is NULL, as on the row path. */
    static String value(String expression) {
        return "NULLIF(trim(" + expression + "), '')";
    }
}
