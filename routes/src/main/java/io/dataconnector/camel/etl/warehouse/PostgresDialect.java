package io.dataconnector.camel.etl.warehouse;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL: typed columns ({@code uuid}, {@code timestamp}, {@code numeric}, {@code boolean}, {@code text}),
 * transactional DDL, and {@code COPY ... FROM STDIN (FORMAT csv)} through PgJDBC's CopyManager, fed with the
 * converted rows re-encoded as CSV.
 */
public class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "text";
            case UUID -> "uuid";
            case TIMESTAMP -> "timestamp";
            case NUMBER -> "numeric";
            case BOOLEAN -> "boolean";
        };
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public RowSink openSink(Connection connection, String schema, String table, List<ColumnDef> columns)
            throws SQLException {
        String sql = "COPY " + Identifiers.qualified(schema, table) + " ("
                     + columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "))
                     + ") FROM STDIN WITH (FORMAT csv)";
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream out = new PGCopyOutputStream(pg, sql, 1 << 16);
        return new CopySink(out);
    }

    /** Writes rows as CSV into an open COPY; NULL is the unquoted empty field, text is always quoted. */
    static final class CopySink implements RowSink {
        private final PGCopyOutputStream copy;
        private final Writer writer;
        private long rows;

        CopySink(PGCopyOutputStream copy) {
            this.copy = copy;
            this.writer = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        }

        @Override
        public void append(Object[] row) throws Exception {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    writer.write(',');
                }
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                if (v instanceof String s) {
                    writeQuoted(s);
                } else if (v instanceof Boolean b) {
                    writer.write(b ? 't' : 'f');
                } else if (v instanceof BigDecimal d) {
                    writer.write(d.toPlainString());
                } else if (v instanceof LocalDateTime t) {
                    writer.write(t.toString());
                } else {
                    writer.write(v.toString());
                }
            }
            writer.write('\n');
            rows++;
        }

        private void writeQuoted(String s) throws Exception {
            writer.write('"');
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '"') {
                    writer.write(s, start, i - start + 1);
                    writer.write('"');
                    start = i + 1;
                }
            }
            writer.write(s, start, s.length() - start);
            writer.write('"');
        }

        @Override
        public long finish() throws Exception {
            writer.flush();
            // endCopy() ourselves: closing the writer afterwards would write to an inactive copy
            long handled = copy.endCopy();
            return handled >= 0 ? handled : rows;
        }

        @Override
        public void abort() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (Exception ignored) {
                // the transaction is rolled back anyway
            }
        }
    }
}
