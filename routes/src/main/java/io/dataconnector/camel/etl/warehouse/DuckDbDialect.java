package io.dataconnector.camel.etl.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB, the embedded default: typed columns ({@code UUID}, {@code TIMESTAMP}, {@code DOUBLE}, {@code BOOLEAN},
 * {@code VARCHAR}), transactional DDL, rows through DuckDB's Appender (its JDBC batched inserts are ~100x slower).
 * One thread per connection: steadier and faster on small machines.
 */
public class DuckDbDialect implements Dialect {

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
            case NUMBER -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET threads=1");
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
                    appender.append(d.doubleValue());
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
