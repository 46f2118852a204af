package io.dataconnector.camel.etl.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
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
 * <li>{@code number} columns are typed before the load by one scan of the file ({@link DuckDbNumbers#scan}), so the
 * rows are written once, straight into their {@code BIGINT} or {@code DECIMAL(38, s)} columns; a column with a value
 * that is not a plain decimal stays text and {@link DuckDbNumbers#typeStaged} reports it.</li>
 * </ul>
 * Runs in the caller's transaction when one is open (else in one of its own). Any error (a value that does not fit, a
 * malformed line, invalid UTF-8) rolls that transaction back, staging table included: the loader then creates it again
 * and takes the checked row path, which widens a misfit column or names the bad line.
 */
final class DuckDbCsvReader {

    private static final String OPTIONS = "header = true, auto_detect = false, delim = ',', quote = '\"', "
                                          + "escape = '\"', allow_quoted_nulls = false, strict_mode = true, "
                                          + "encoding = 'utf-8'";

    private DuckDbCsvReader() {
    }

    /**
     * @param table    the empty staging table, with the layout's columns ({@code number} columns as text)
     * @param loadedAt the lineage load time (used only when the layout has lineage columns)
     * @return the rows loaded
     * @throws SQLException when DuckDB refuses the file or a value; the transaction is rolled back
     */
    static long load(Connection c, String schema, String table, TableLayout layout, Path csv, String jobId,
                     LocalDateTime loadedAt) throws SQLException {
        String source = "read_csv(" + literal(csv.toAbsolutePath().toString()) + ", " + OPTIONS + ", columns = {"
                        + textColumns(layout) + "})";
        boolean own = c.getAutoCommit(); // else the caller's transaction, staging table included
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            List<String> numberTypes = DuckDbNumbers.scan(c, layout, source);
            StringBuilder targets = new StringBuilder();
            StringBuilder select = new StringBuilder();
            for (int i = 0; i < layout.fieldCount(); i++) {
                ColumnDef col = layout.columnOfField(i);
                String sep = i == 0 ? "" : ", ";
                targets.append(sep).append(Identifiers.quote(col.name()));
                String type = numberTypes.get(i);
                if (type != null) {
                    s.execute("ALTER TABLE " + Identifiers.qualified(schema, table) + " ALTER COLUMN "
                              + Identifiers.quote(col.name()) + " SET DATA TYPE " + type);
                    select.append(sep).append("CAST(").append(DuckDbNumbers.value(field(i))).append(" AS ")
                            .append(type).append(')');
                } else {
                    select.append(sep).append(converted(col.type(), field(i)));
                }
            }
            if (layout.hasLineage()) {
                targets.append(", ").append(Identifiers.quote(TableLayout.LINEAGE_JOB_ID)).append(", ")
                        .append(Identifiers.quote(TableLayout.LINEAGE_LOADED_AT));
                select.append(", ").append(literal(jobId)).append(", TIMESTAMP ").append(literal(loadedAt.toString()));
            }
            long rows = s.executeUpdate("INSERT INTO " + Identifiers.qualified(schema, table) + " (" + targets
                                        + ") SELECT " + select + " FROM " + source);
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
