package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Any other JDBC database (H2, SQL Server, ...): standard SQL types and batched {@code INSERT}s. DDL is not assumed
 * transactional, so the snapshot swap refills the live table inside one transaction instead of renaming.
 */
public class GenericJdbcDialect implements Dialect {

    private final int batchSize;

    public GenericJdbcDialect(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR(65535)";
            case UUID -> "VARCHAR(36)";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case NUMBER -> "DECIMAL(38, 10)";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public RowSink openSink(Connection connection, String schema, String table, List<ColumnDef> columns)
            throws SQLException {
        String sql = "INSERT INTO " + Identifiers.qualified(schema, table) + " ("
                     + columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "))
                     + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        PreparedStatement ps = connection.prepareStatement(sql);
        int[] sqlTypes = columns.stream().mapToInt(c -> switch (c.type()) {
            case TIMESTAMP -> Types.TIMESTAMP;
            case DATE -> Types.DATE;
            case NUMBER -> Types.DECIMAL;
            case BOOLEAN -> Types.BOOLEAN;
            default -> Types.VARCHAR;
        }).toArray();
        return new BatchSink(ps, sqlTypes, batchSize);
    }

    static final class BatchSink implements RowSink {
        private final PreparedStatement ps;
        private final int[] sqlTypes;
        private final int batchSize;
        private int pending;
        private long rows;

        BatchSink(PreparedStatement ps, int[] sqlTypes, int batchSize) {
            this.ps = ps;
            this.sqlTypes = sqlTypes;
            this.batchSize = batchSize;
        }

        @Override
        public void append(Object[] row) throws Exception {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    ps.setNull(i + 1, sqlTypes[i]);
                } else if (v instanceof LocalDateTime t) {
                    ps.setTimestamp(i + 1, Timestamp.valueOf(t));
                } else if (v instanceof java.math.BigDecimal d) {
                    ps.setBigDecimal(i + 1, d);
                } else if (v instanceof java.time.LocalDate d) {
                    ps.setDate(i + 1, java.sql.Date.valueOf(d));
                } else if (v instanceof Boolean b) {
                    ps.setBoolean(i + 1, b);
                } else if (v instanceof UUID u) {
                    ps.setString(i + 1, u.toString());
                } else {
                    ps.setString(i + 1, v.toString());
                }
            }
            ps.addBatch();
            rows++;
            if (++pending >= batchSize) {
                ps.executeBatch();
                pending = 0;
            }
        }

        @Override
        public long finish() throws Exception {
            try {
                if (pending > 0) {
                    ps.executeBatch();
                }
            } finally {
                ps.close();
            }
            return rows;
        }

        @Override
        public void abort() {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // rolled back by the caller
            }
        }
    }
}
