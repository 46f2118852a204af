package io.dataconnector.camel.etl.warehouse;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: typed columns ({@code uuid}, {@code timestamp}, {@code numeric}, {@code boolean}, {@code text}),
 * transactional DDL, and {@code COPY ... FROM STDIN (FORMAT csv)} through PgJDBC's CopyManager, fed with the rows
 * streamed from the parser as checked canonical text ({@link TextValues}): no per-value objects, PostgreSQL parses
 * the types itself.
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
            case DATE -> "date";
            case NUMBER -> "numeric";
            case BOOLEAN -> "boolean";
        };
    }

    @Override
    public String alterToText(String schema, String table, String column) {
        return "ALTER TABLE " + Identifiers.qualified(schema, table) + " ALTER COLUMN " + Identifiers.quote(column)
               + " TYPE text";
    }

    /**
     * A staging table whose rows are copied on (a window merge, a refill swap) is {@code UNLOGGED}: its rows are not
     * written to the WAL a second time (a crash empties it, and the load is redone anyway). One renamed into the live
     * table stays logged.
     */
    @Override
    public String stagingTableKind(boolean becomesLive) {
        return becomesLive ? "" : "UNLOGGED ";
    }

    @Override
    public void lockForSwap(Connection connection, String schema, String table) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("LOCK TABLE " + Identifiers.qualified(schema, table) + " IN ACCESS EXCLUSIVE MODE");
        }
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
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        return new CopySink(copy, columns);
    }

    /**
     * One catalogue query (one round trip), whether or not the table exists: its columns from {@code pg_attribute}
     * with their type names, in table order. ({@code information_schema.tables} and an empty {@code SELECT *} took two,
     * and the view costs planning on each call.)
     */
    @Override
    public List<ColumnDef> liveColumns(Connection connection, String schema, String table) throws SQLException {
        List<ColumnDef> cols = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname, t.typname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t "
                + "ON t.oid = a.atttypid WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum")) {
            ps.setString(1, Identifiers.qualified(schema, table));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(new ColumnDef(rs.getString(1), ColumnType.fromJdbcName(rs.getString(2))));
                }
            }
        }
        return cols;
    }

    @Override
    public boolean loadsInOneTransaction() {
        return true;
    }

    /**
     * A table's load commits without waiting for its WAL flush ({@code SET LOCAL synchronous_commit = off}; the
     * session's other transactions, among them the job's done row, keep the server's setting). A server crash may
     * lose the last such commits (up to three {@code wal_writer_delay}s), each one whole: the table's rows and its
     * history row together, so the next run loads the file again. The job's done row is committed synchronously,
     * which flushes the WAL of every table commit before it: a job recorded as done has all its tables on disk.
     */
    @Override
    public String tableTransactionSettings() {
        return "SET LOCAL synchronous_commit = off";
    }

    @Override
    public boolean batchesStatements() {
        return true;
    }

    @Override
    public boolean passesCsvThrough() {
        return true;
    }

    /**
     * {@code COPY … FROM STDIN (FORMAT csv, FORCE_NULL (typed columns))} fed with the CSV's own bytes after its header
     * (read and checked by {@code csv}): the server parses the values, the ETL only inflates and scans the bytes. A quoted
     * empty field of a typed column is NULL (FORCE_NULL), as in the parser path; of a text column an empty string.
     */
    @Override
    public long copyCsvBytes(Connection connection, String schema, String table, TableLayout layout,
                             CsvPassThrough csv) throws SQLException, java.io.IOException {
        List<String> header = csv.header();
        ColumnType[] types = new ColumnType[header.size()];
        StringBuilder cols = new StringBuilder();
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            ColumnDef col = layout.columnOfField(i);
            types[i] = col.type();
            cols.append(i == 0 ? "" : ", ").append(Identifiers.quote(col.name()));
            if (col.type() != ColumnType.TEXT) {
                typed.append(typed.length() == 0 ? "" : ", ").append(Identifiers.quote(col.name()));
            }
        }
        csv.expect(types);
        String sql = "COPY " + Identifiers.qualified(schema, table) + " (" + cols + ") FROM STDIN WITH (FORMAT csv"
                     + (typed.length() > 0 ? ", FORCE_NULL (" + typed + ")" : "") + ")";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            byte[] buf = new byte[1 << 17];
            int n;
            while ((n = csv.read(buf)) >= 0) {
                if (n > 0) {
                    copy.writeToCopy(buf, 0, n);
                }
            }
            long rows = copy.endCopy();
            return rows >= 0 ? rows : csv.records();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the caller rolls back; the first failure is the one reported
                }
            }
        }
    }

    /**
     * Writes rows as CSV into an open COPY, UTF-8 encoded straight into a byte buffer handed to the driver in large
     * chunks (no Writer, no per-value objects). NULL is the unquoted empty field, text is always quoted (so that an
     * empty string stays one), typed values are written bare.
     */
    static final class CopySink implements RowSink {
        private static final int BUFFER = 1 << 18;
        private final CopyIn copy;
        private final boolean[] text;
        private final byte[] buf = new byte[BUFFER + 8];
        private int pos;
        private long rows;

        CopySink(CopyIn copy, List<ColumnDef> columns) {
            this.copy = copy;
            this.text = new boolean[columns.size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = columns.get(i).type() == ColumnType.TEXT;
            }
        }

        @Override
        public boolean acceptsText() {
            return true;
        }

        @Override
        public void appendText(String[] row) throws SQLException {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                String v = row[i];
                if (v == null) {
                    continue;
                }
                if (text[i]) {
                    writeQuoted(v);
                } else {
                    writeAscii(v);
                }
            }
            put((byte) '\n');
            rows++;
        }

        @Override
        public void append(Object[] row) throws SQLException {
            String[] t = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    t[i] = null;
                } else if (v instanceof Boolean b) {
                    t[i] = b ? "t" : "f";
                } else if (v instanceof BigDecimal d) {
                    t[i] = d.toPlainString();
                } else {
                    t[i] = v.toString();
                }
            }
            appendText(t);
        }

        private void put(byte b) throws SQLException {
            if (pos >= BUFFER) {
                flush();
            }
            buf[pos++] = b;
        }

        /**
         * A typed value: {@link TextValues} only lets through (or prints) ASCII for typed columns, so the chars are
         * copied as bytes in one call (a plain array copy for the JDK's compact Latin-1 strings).
         */
        @SuppressWarnings("deprecation")
        private void writeAscii(String s) throws SQLException {
            int n = s.length();
            if (pos + n > BUFFER) {
                flush();
                if (n > BUFFER) {
                    writeChars(s);
                    return;
                }
            }
            s.getBytes(0, n, buf, pos);
            pos += n;
        }

        private void writeQuoted(String s) throws SQLException {
            if (s.indexOf('"') < 0) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8); // an array copy for ASCII text, vectorised otherwise
                if (pos + b.length + 2 <= BUFFER) {
                    buf[pos++] = '"';
                    System.arraycopy(b, 0, buf, pos, b.length);
                    pos += b.length;
                    buf[pos++] = '"';
                    return;
                }
            }
            put((byte) '"');
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    put((byte) '"');
                    put((byte) '"');
                } else {
                    putChar(s, i, c);
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                    }
                }
            }
            put((byte) '"');
        }

        private void writeChars(String s) throws SQLException {
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                putChar(s, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }

        /** UTF-8 of one char (or of the surrogate pair starting at i). */
        private void putChar(String s, int i, char c) throws SQLException {
            if (c < 0x80) {
                if (pos >= BUFFER) {
                    flush();
                }
                buf[pos++] = (byte) c;
                return;
            }
            if (pos >= BUFFER) {
                flush();
            }
            if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | c >> 6);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                buf[pos++] = (byte) (0xF0 | cp >> 18);
                buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[pos++] = (byte) '?'; // a lone surrogate cannot be encoded (the decoder never produces one)
            } else {
                buf[pos++] = (byte) (0xE0 | c >> 12);
                buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[pos++] = (byte) (0x80 | c & 0x3F);
            }
        }

        private void flush() throws SQLException {
            if (pos > 0) {
                copy.writeToCopy(buf, 0, pos);
                pos = 0;
            }
        }

        @Override
        public long finish() throws SQLException {
            flush();
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
