package io.dataconnector.camel.etl.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between warehouse databases: column types, whether DDL is transactional, and the bulk-load path.
 * Chosen from the JDBC URL by {@link #forUrl(String, int)}.
 */
public interface Dialect {

    /** @return a short name for logs and the summary */
    String name();

    /** @return the SQL type of a column type */
    String sqlType(ColumnType type);

    /**
     * @return true when DROP/ALTER TABLE take part in a transaction (then the snapshot swap is a rename, otherwise the
     *         live table is emptied and refilled from the staging table in one transaction)
     */
    boolean transactionalDdl();

    /** Session settings applied to each new connection (e.g. DuckDB's thread count). */
    default void prepare(Connection connection) throws SQLException {
    }

    /**
     * The database's own bulk CSV reader, loading a file on local disk into the empty staging table in one statement,
     * when the database has one that keeps the loader's meaning of every value. Runs in the caller's transaction (or in
     * autocommit where DDL is not transactional).
     *
     * @return the rows loaded, or -1 when the dialect has no such reader or the CSV is not a file (nothing was done)
     * @throws BulkLoadRefused when the reader refused the file (a value that does not fit, a malformed line): the
     *                         transaction is rolled back, staging table included, and the loader creates it again and
     *                         takes the checked row path, which widens a misfit column or names the bad line
     */
    default long loadCsvFile(Connection connection, String schema, String table, TableLayout layout, Path csv,
                             String jobId, LocalDateTime loadedAt) throws BulkLoadRefused {
        return -1;
    }

    /** The database's CSV reader refused a file; see {@link #loadCsvFile}. */
    final class BulkLoadRefused extends Exception {

        public BulkLoadRefused(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * @return true when the dialect's bulk path reads a file on local disk ({@link #loadCsvFile}), so that a CSV
     *         inside the downloaded ZIP is unpacked to a temp file first; otherwise the entry is streamed straight from
     *         the ZIP into the load
     */
    default boolean loadsFromFile() {
        return false;
    }

    /**
     * After the rows are in the staging table (same transaction): the dialect's own typing of what it staged as text
     * (e.g. DuckDB's number columns, made {@code BIGINT} or {@code DECIMAL} from their values).
     *
     * @return warnings, one line each, for columns left as text because a value did not fit
     */
    default List<String> finishStage(Connection connection, String schema, String stage, TableLayout layout,
                                     String table) throws SQLException {
        return List.of();
    }

    /** @return the SQL type of a column as the staging table holds it, to add it to the live table */
    default String stagedSqlType(Connection connection, String schema, String stage, ColumnDef column)
            throws SQLException {
        return sqlType(column.type());
    }

    /**
     * @param becomesLive whether the staging table is renamed into the live table (a snapshot swap); otherwise its rows
     *                    are copied into the live table and it is dropped
     * @return the table kind of a staging table, e.g. {@code "UNLOGGED "} (empty by default: a plain table)
     */
    default String stagingTableKind(boolean becomesLive) {
        return "";
    }

    /** @return the statement widening a live column to text */
    default String alterToText(String schema, String table, String column) {
        return "ALTER TABLE " + Identifiers.qualified(schema, table) + " ALTER COLUMN " + Identifiers.quote(column)
               + " SET DATA TYPE " + sqlType(ColumnType.TEXT);
    }

    /**
     * Before rows of the staging table go into an existing live table: aligns column types the layout cannot see
     * (e.g. a DuckDB {@code BIGINT} column that now needs to hold decimals).
     */
    default void reconcile(Connection connection, String schema, String table, String stage, TableLayout layout)
            throws SQLException {
    }

    /**
     * Inside the swap's transaction: locks the live table against a concurrent swap by another instance until the
     * transaction ends (PostgreSQL: {@code LOCK TABLE … IN ACCESS EXCLUSIVE MODE}); a no-op where one process owns the
     * database (DuckDB) or the database has no such lock.
     */
    default void lockForSwap(Connection connection, String schema, String table) throws SQLException {
    }

    /**
     * @return true when a table's whole load (staging table DDL, rows, swap or merge, history row) is one transaction
     *         with a single commit: a crash or failure at any point leaves nothing, not even the staging table. By
     *         default where DDL is transactional (PostgreSQL, DuckDB). Otherwise the staging table is created in
     *         autocommit and its rows committed before the swap.
     */
    default boolean loadsInOneTransaction() {
        return transactionalDdl();
    }

    /**
     * @return a statement setting how a table's one load transaction ({@link #loadsInOneTransaction}) behaves, run at
     *         its start, or null for none (the default)
     */
    default String tableTransactionSettings() {
        return null;
    }

    /**
     * @return true when the driver sends several {@code ;}-separated statements given to one
     *         {@link Statement#execute(String)} in one round trip (PgJDBC), so that the loader joins statements that
     *         need no answer in between (e.g. the staging table's {@code DROP IF EXISTS} and {@code CREATE})
     */
    default boolean batchesStatements() {
        return false;
    }

    /**
     * @return true when {@link #copyCsvBytes} can load an extract CSV's own bytes (the database's CSV reader parses
     *         them), so that the loader tries it first for each table and falls back to the parser when it is refused
     */
    default boolean passesCsvThrough() {
        return false;
    }

    /**
     * Loads the CSV's bytes as they are into the (empty) staging table, checked by {@code csv} on the way.
     *
     * @param layout the staging table's layout; {@code csv}'s header fields go to {@link TableLayout#columnOfField}
     * @return the rows loaded
     * @throws CsvPassThrough.Refused when the bytes would be read differently from the parser path (the caller rolls
     *                                back and loads the table through the parser)
     * @throws SQLException           when the database rejects them (same fallback)
     */
    default long copyCsvBytes(Connection connection, String schema, String table, TableLayout layout,
                              CsvPassThrough csv) throws SQLException, java.io.IOException {
        throw new UnsupportedOperationException(name() + " does not load CSV bytes as they are");
    }

    /**
     * The live table's columns, read outside any transaction (autocommit) before a load.
     *
     * @return the columns with their types, in table order; empty when the table does not exist
     */
    default List<ColumnDef> liveColumns(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                                                                + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return List.of();
                }
            }
        }
        return columnsOf(connection, schema, table);
    }

    /**
     * @return the columns of an existing table with their types, in table order, from the metadata of an empty query
     * @throws SQLException when the table does not exist
     */
    static List<ColumnDef> columnsOf(Connection connection, String schema, String table) throws SQLException {
        List<ColumnDef> cols = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.qualified(schema, table) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(new ColumnDef(md.getColumnName(i), ColumnType.fromJdbc(md.getColumnType(i),
                        md.getColumnTypeName(i))));
            }
        }
        return cols;
    }

    /** Opens the bulk-load path into a (staging) table whose columns are exactly {@code columns}, in order. */
    RowSink openSink(Connection connection, String schema, String table, List<ColumnDef> columns) throws SQLException;

    /**
     * @param url       the warehouse JDBC URL
     * @param batchSize rows per batch for the generic dialect
     * @return PostgreSQL (COPY), DuckDB (Appender) or generic JDBC (batched INSERT)
     */
    static Dialect forUrl(String url, int batchSize) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (u.startsWith("jdbc:duckdb:")) {
            return new DuckDbDialect();
        }
        return new GenericJdbcDialect(batchSize);
    }
}
