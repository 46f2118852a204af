package io.dataconnector.camel.etl.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
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
     * The database's own bulk CSV reader, loading a file on local disk into the empty staging table in one statement
     * (autocommit), when the database has one that keeps the loader's meaning of every value. Any failure leaves the
     * staging table empty and returns -1: the loader then takes the checked row path, which also names a bad row's
     * line.
     *
     * @return the rows loaded, or -1 when not available or not successful
     */
    default long loadCsvFile(Connection connection, String schema, String table, TableLayout layout, Path csv,
                             String jobId, LocalDateTime loadedAt) {
        return -1;
    }

    /**
     * @return true when the dialect's bulk path reads a file on local disk ({@link #loadCsvFile}), so that a CSV
     *         inside the downloaded ZIP is unpacked to a temp file first; otherwise the entry is streamed straight from
     *         the ZIP into the load
     */
    default boolean loadsFromFile() {
        return false;
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
