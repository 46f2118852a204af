package io.dataconnector.camel.etl.warehouse;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB, the embedded default: typed columns ({@code UUID}, {@code TIMESTAMP}, {@code DATE}, {@code BIGINT} or
 * {@code DECIMAL} ({@link DuckDbNumbers}), {@code BOOLEAN}, {@code VARCHAR}), transactional DDL; files through DuckDB's
 * own CSV reader ({@link #loadCsvFile}, {@link DuckDbCsvReader}), with the Appender as the checked row path (its JDBC batched inserts are ~100x slower).
 * One thread per connection: steadier and faster on small machines.
 */
public class DuckDbDialect implements Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbDialect.class);

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case UUID -> "UUID";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case NUMBER -> "VARCHAR"; // staged as text, then typed exactly: see DuckDbNumbers
            case BOOLEAN -> "BOOLEAN";
        };
    }

    @Override
    public List<String> finishStage(Connection connection, String schema, String stage, TableLayout layout,
                                    String table) throws SQLException {
        return DuckDbNumbers.typeStaged(connection, schema, stage, layout, table);
    }

    @Override
    public String stagedSqlType(Connection connection, String schema, String stage, ColumnDef column)
            throws SQLException {
        String t = DuckDbNumbers.typesOf(connection, schema, stage).get(column.name());
        return t != null ? t : sqlType(column.type());
    }

    @Override
    public String alterToText(String schema, String table, String column) {
        return "ALTER TABLE " + Identifiers.qualified(schema, table) + " ALTER COLUMN " + Identifiers.quote(column)
               + " SET DATA TYPE VARCHAR";
    }

    @Override
    public void reconcile(Connection connection, String schema, String table, String stage, TableLayout layout)
            throws SQLException {
        DuckDbNumbers.reconcile(connection, schema, table, stage, layout);
    }

    /**
     * One direct look-up of the table (~2 ms); a missing table is DuckDB's catalog error (information_schema would
     * build a row for every table of the database first, ~30 ms with 300 tables).
     */
    @Override
    public List<ColumnDef> liveColumns(Connection connection, String schema, String table) throws SQLException {
        try {
            return Dialect.columnsOf(connection, schema, table);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).startsWith("Catalog Error")) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** {@code read_csv} reads a file: a ZIP entry is unpacked to a temp file before its load. */
    @Override
    public boolean loadsFromFile() {
        return true;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // timestamps with an offset are read as TIMESTAMPTZ and stored as UTC wall-clock time; the write-ahead log
            // is folded into the file when the pool releases it after the loads (or at 1 GB), not every 16 MB: the
            // automatic checkpoints cost a 300-table extract 10-15 % more in all than one checkpoint at the end
            s.execute("SET threads = 1; SET TimeZone = 'UTC'; SET checkpoint_threshold = '1GB'");
        }
    }

    /**
     * DuckDB's own CSV reader ({@code read_csv}) straight into the staging table, ~4x the Appender's speed, with the
     * row path's meaning of every value ({@link DuckDbCsvReader}). When the reader refuses the file (a value that does
     * not fit, a malformed line, invalid UTF-8), the transaction is rolled back and the loader takes the checked row
     * path, which widens a misfit column or names the bad row's line.
     */
    @Override
    public long loadCsvFile(Connection connection, String schema, String table, TableLayout layout, Path csv,
                            String jobId, LocalDateTime loadedAt) throws BulkLoadRefused {
        if (csv == null || !Files.isRegularFile(csv)) {
            return -1;
        }
        try {
            return DuckDbCsvReader.load(connection, schema, table, layout, csv, jobId, loadedAt);
        } catch (SQLException e) {
            String why = String.valueOf(e.getMessage());
            why = why.lines().findFirst().orElse(why);
            LOG.debug("DuckDB read_csv refused {} ({}); loading it row by row", csv.getFileName(), why);
            throw new BulkLoadRefused(why, e);
        }
    }

    @Override
    public RowSink openSink(Connection connection, String schema, String table, List<ColumnDef> columns)
            throws SQLException {
        DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender(schema, table);
        return new AppenderSink(appender);
    }

    static final class AppenderSink implements RowSink {
        private final DuckDBAppender appender;
        private long rows;

        AppenderSink(DuckDBAppender appender) {
            this.appender = appender;
        }

        @Override
        public void append(Object[] row) throws Exception {
            appender.beginRow();
            for (Object v : row) {
                if (v == null) {
                    appender.appendNull();
                } else if (v instanceof String s) {
                    appender.append(s);
                } else if (v instanceof Boolean b) {
                    appender.append(b.booleanValue());
                } else if (v instanceof BigDecimal d) {
                    appender.append(d.toPlainString()); // staged as text: see DuckDbNumbers
                } else if (v instanceof java.time.LocalDate d) {
                    appender.append(d);
                } else if (v instanceof LocalDateTime t) {
                    appender.append(t);
                } else if (v instanceof UUID u) {
                    appender.append(u);
                } else {
                    appender.append(v.toString());
                }
            }
            appender.endRow();
            rows++;
        }

        @Override
        public long finish() throws Exception {
            appender.close();
            return rows;
        }

        @Override
        public void abort() {
            try {
                appender.close();
            } catch (Exception ignored) {
                // rolled back by the caller
            }
        }
    }
}
