package io.dataconnector.camel.etl.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one CSV file into an empty DuckDB staging table with DuckDB's own reader ({@code read_csv}), keeping the
 * meaning {@link Values} gives each cell on the checked row path:
 * <ul>
 * <li>every field is read as text ({@code allow_quoted_nulls = false}: an unquoted empty field is NULL, a quoted
 * {@code ""} is the empty string), then converted in the same statement; in a typed column both are NULL;</li>
 * <li>timestamps without an offset, or with {@code UTC}, {@code Z} or {@code +00}, are cast as {@code TIMESTAMP}
 * (DuckDB's fast path); any other offset goes through {@code TIMESTAMPTZ} in the UTC session and is stored as UTC
 * wall-clock time (a plain {@code TIMESTAMP} cast would drop the offset);</li>
 * <li>values DuckDB would read but {@link Values} refuses (a UUID without its hyphens, a date with a time of day, a
 * date that is not {@code yyyy-MM-dd…}) raise an error on purpose;</li>
 * <li>{@code number} columns are typed before the load by one pass over the file in Java ({@link NumberScan}; done
 * while the file was unpacked when {@link CsvNumberProfiles} has its profile), and the
 * staging table is re-created with those types, so the rows are written once, straight into their {@code BIGINT} or
 * {@code DECIMAL(38, s)} columns; a column with a value that is not a plain decimal stays text and
 * {@link DuckDbNumbers#typeStaged} reports it.</li>
 * </ul>
 * Runs in the caller's transaction when one is open (else in one of its own). Any error (a value that does not fit, a
 * malformed line, invalid UTF-8) rolls that transaction back, staging table included: the loader then creates it again
 * and takes the checked row path, which widens a misfit column or names the bad line.
 */
final class DuckDbCsvReader {

    private static final DuckDbDialect DUCKDB = new DuckDbDialect();

    private static final String OPTIONS = "header = true, auto_detect = false, delim = ',', quote = '\"', "
                                          + "escape = '\"', allow_quoted_nulls = false, strict_mode = true, "
                                          + "encoding = 'utf-8'";

    private DuckDbCsvReader() {
    }

    /**
     * @param table    the empty staging table, re-created here with the exact types
     * @param loadedAt the lineage load time (used only when the layout has lineage columns)
     * @return the rows loaded
     * @throws SQLException when DuckDB refuses the file or a value; the transaction is rolled back
     */
    static long load(Connection c, String schema, String table, TableLayout layout, Path csv, String jobId,
                     LocalDateTime loadedAt) throws SQLException {
        String[] types = stageTypes(layout, csv);
        boolean own = c.getAutoCommit(); // else the caller's transaction, staging table included
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < layout.columns().size(); i++) {
                columns.append(i == 0 ? "" : ", ").append(Identifiers.quote(layout.columns().get(i).name()))
                        .append(' ').append(types[i]);
            }
            s.execute("CREATE OR REPLACE TABLE " + Identifiers.qualified(schema, table) + " (" + columns + ")");
            StringBuilder targets = new StringBuilder();
            StringBuilder select = new StringBuilder();
            for (int i = 0; i < layout.fieldCount(); i++) {
                ColumnDef col = layout.columnOfField(i);
                String sep = i == 0 ? "" : ", ";
                targets.append(sep).append(Identifiers.quote(col.name()));
                String type = types[layout.columns().indexOf(col)];
                select.append(sep).append(col.type() == ColumnType.NUMBER && !type.equals("VARCHAR")
                        ? "CAST(" + DuckDbNumbers.value(field(i)) + " AS " + type + ")"
                        : converted(col.type(), field(i)));
            }
            if (layout.hasLineage()) {
                targets.append(", ").append(Identifiers.quote(TableLayout.LINEAGE_JOB_ID)).append(", ")
                        .append(Identifiers.quote(TableLayout.LINEAGE_LOADED_AT));
                select.append(", ").append(literal(jobId)).append(", TIMESTAMP ").append(literal(loadedAt.toString()));
            }
            long rows = s.executeUpdate("INSERT INTO " + Identifiers.qualified(schema, table) + " (" + targets
                                        + ") SELECT " + select + " FROM read_csv("
                                        + literal(csv.toAbsolutePath().toString()) + ", " + OPTIONS + ", columns = {"
                                        + textColumns(layout) + "})");
            if (own) {
                c.commit();
            }
            return rows;
        } catch (SQLException e) {
            c.rollback(); // DuckDB has no savepoints: a failed statement aborts the whole transaction anyway
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The staging table's SQL type of each layout column: the dialect's type, except for {@code number} columns, typed
     * from one pass over the file ({@link NumberScan}); a column the CSV lacks is all NULL and {@code BIGINT}.
     *
     * @throws SQLException when the file cannot be read as a CSV (then the row path names the problem)
     */
    private static String[] stageTypes(TableLayout layout, Path csv) throws SQLException {
        List<ColumnDef> columns = layout.columns();
        String[] types = new String[columns.size()];
        List<Integer> numberFields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            types[i] = DUCKDB.sqlType(columns.get(i).type());
            if (columns.get(i).type() == ColumnType.NUMBER) {
                types[i] = "BIGINT";
            }
        }
        for (int f = 0; f < layout.fieldCount(); f++) {
            if (layout.columnOfField(f).type() == ColumnType.NUMBER) {
                numberFields.add(f);
            }
        }
        NumberScan measured = CsvNumberProfiles.take(csv, layout.fieldCount());
        if (numberFields.isEmpty()) {
            return types;
        }
        NumberScan scan = measured != null ? measured
                : new NumberScan(numberFields.stream().mapToInt(Integer::intValue).toArray());
        if (measured == null) {
            try (CsvTable rows = CsvTable.open(csv, csv.getFileName().toString())) {
                for (CsvTable.Row row : rows) {
                    scan.accept(row.fields());
                }
            } catch (IOException | RuntimeException e) {
                throw new SQLException("reading " + csv.getFileName() + " for its number columns failed: "
                                       + e.getMessage(), e);
            }
        }
        for (int j = 0; j < numberFields.size(); j++) {
            // a profile measured every field (index = field), a scan of our own only the number fields
            String exact = scan.typeOf(measured != null ? numberFields.get(j) : j);
            types[columns.indexOf(layout.columnOfField(numberFields.get(j)))] = exact != null ? exact : "VARCHAR";
        }
        return types;
    }

    /** The reader's column list: field i is {@code c<i>}, text. */
    private static String textColumns(TableLayout layout) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < layout.fieldCount(); i++) {
            columns.append(i == 0 ? "" : ", ").append("'").append(field(i)).append("': 'VARCHAR'");
        }
        return columns.toString();
    }

    static String field(int i) {
        return "c" + i;
    }

    /** The SQL converting one text field (NULL or the cell) to its column type; see the class comment. */
    static String converted(ColumnType type, String f) {
        String empty = f + " = ''";
        return switch (type) {
            case TEXT, NUMBER -> f;
            case BOOLEAN -> "CAST(NULLIF(" + f + ", '') AS BOOLEAN)";
            case UUID -> "CAST(CASE WHEN " + empty + " THEN NULL WHEN length(" + f + ") <> 36 THEN error('not a UUID') "
                         + "ELSE " + f + " END AS UUID)";
            case DATE -> "CAST(CASE WHEN " + empty + " THEN NULL WHEN length(" + f + ") <> 10 OR " + f + "[5] <> '-' OR "
                         + f + "[8] <> '-' THEN error('not a yyyy-MM-dd date') ELSE " + f + " END AS DATE)";
            case TIMESTAMP -> "CASE WHEN " + empty + " THEN NULL WHEN " + f + "[5] <> '-' OR " + f + "[8] <> '-' "
                              + "THEN error('not a yyyy-MM-dd… timestamp') WHEN suffix(" + f + ", '+00') OR NOT ("
                              + "contains(" + f + ", '+') OR contains(" + f + "[11:], '-')) THEN CAST(" + f
                              + " AS TIMESTAMP) ELSE CAST(CAST(" + f + " AS TIMESTAMPTZ) AS TIMESTAMP) END";
        };
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
