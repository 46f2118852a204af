package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The load-history table: one row per (job id, file name), primary key on both, with rows, bytes, timings, status
 * ({@code success}, {@code failed}, {@code superseded}, and the terminal {@code refused}, {@code gone},
 * {@code quarantined}), the last error and the number of attempts. A file is loaded exactly once: the success row is
 * written in the same transaction as the snapshot swap, and a second success for the same key violates the primary
 * key, rolling that swap back. The attempts live here (not in memory), so a limit on them holds across restarts and
 * instances. Each row carries the ACC account it belongs to ({@code account_id}, from
 * {@link WarehouseSettings#accountId()}; null in rows written before the column existed, or when unknown).
 */
public class LoadHistory {

    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String SUPERSEDED = "superseded";
    /** listed but neither in the ZIP nor fetchable on its own: never retried */
    public static final String MISSING = "missing";
    /** Terminal: an extract file or ZIP entry that can never be a table (unsafe or invalid name); not retried. */
    public static final String REFUSED = "refused";
    /** Terminal, job level: the job's data listing answered 404 (the extract no longer exists); not retried. */
    public static final String GONE = "gone";
    /** Terminal: failed {@code etl.max-attempts} times; skipped until an operator re-arms it. */
    public static final String QUARANTINED = "quarantined";
    /** The file name of a job's own row (the job as a whole). */
    public static final String JOB_FILE = "*";

    /** One history row, as read back. */
    public record Entry(String fileName, String tableName, String status, int attempts, String error) {

        /** @return whether no run retries this (job, file) any more: loaded, superseded, refused, gone, quarantined */
        public boolean settled() {
            return SUCCESS.equals(status) || SUPERSEDED.equals(status) || MISSING.equals(status) || isTerminal();
        }

        /** @return whether it ended without loading: refused, gone or quarantined */
        public boolean isTerminal() {
            return REFUSED.equals(status) || GONE.equals(status) || QUARANTINED.equals(status);
        }
    }

    private static final int MAX_ERROR = 2000;

    private final String table;
    private final String accountId;

    public LoadHistory(WarehouseSettings settings) {
        this.table = Identifiers.qualified(settings.schema(), settings.historyTable());
        this.accountId = settings.accountId();
    }

    /** Creates the schema and the history table when missing. */
    public void create(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                      + "job_id VARCHAR(64) NOT NULL, "
                      + "file_name VARCHAR(255) NOT NULL, "
                      + "request_id VARCHAR(64), "
                      + "table_name VARCHAR(64), "
                      + "status VARCHAR(16) NOT NULL, "
                      + "rows_loaded BIGINT, "
                      + "bytes BIGINT, "
                      + "started_at TIMESTAMP, "
                      + "finished_at TIMESTAMP, "
                      + "job_completed_at TIMESTAMP, "
                      + "attempts INTEGER NOT NULL, "
                      + "error VARCHAR(" + MAX_ERROR + "), "
                      + "PRIMARY KEY (job_id, file_name))");
            // columns added since the first release: a history created by it gains them
            for (String column : new String[] {"mode VARCHAR(16)", "window_start TIMESTAMP", "window_end TIMESTAMP",
                "warnings VARCHAR(" + MAX_ERROR + ")", "extract_created_at TIMESTAMP", "extract_region VARCHAR(16)",
                "account_id VARCHAR(64)"}) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column);
            }
        }
    }

    /** Records the extract's {@code metadata.csv} on the job's row ({@code file_name = '*'}). */
    public void recordExtract(Connection c, String jobId, String jobMarker, Instant createdAt, String region)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET extract_created_at = ?, "
                                                       + "extract_region = ? WHERE job_id = ? AND file_name = ?")) {
            ps.setTimestamp(1, utc(createdAt));
            ps.setString(2, region == null || region.length() > 16 ? null : region);
            ps.setString(3, jobId);
            ps.setString(4, jobMarker);
            ps.executeUpdate();
        }
    }

    /** @return the files of a job that need no load any more (loaded, or superseded by a newer job) */
    public Set<String> doneFiles(Connection c, String jobId) throws SQLException {
        Set<String> done = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name FROM " + table
                                                       + " WHERE job_id = ? AND status IN (?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, SUCCESS);
            ps.setString(3, SUPERSEDED);
            ps.setString(4, MISSING);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(rs.getString(1));
                }
            }
        }
        return done;
    }

    /** @return every history row of a job, in file name order */
    public List<Entry> entries(Connection c, String jobId) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name, table_name, status, attempts, error FROM "
                                                       + table + " WHERE job_id = ? ORDER BY file_name")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    /**
     * A {@link #FAILED} (job, file) whose attempts reached {@code maxAttempts} becomes {@link #QUARANTINED}.
     *
     * @return 1 when it was quarantined now, else 0
     */
    public int quarantineIfExhausted(Connection c, String jobId, String fileName, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ? WHERE job_id = ? AND "
                                                       + "file_name = ? AND status = ? AND attempts >= ?")) {
            ps.setString(1, QUARANTINED);
            ps.setString(2, jobId);
            ps.setString(3, fileName);
            ps.setString(4, FAILED);
            ps.setInt(5, maxAttempts);
            return ps.executeUpdate();
        }
    }

    /**
     * Re-arms terminal rows (quarantined, gone, refused) of a job: of one file, or of every file and the job's own row
     * when {@code fileName} is null. They become {@link #FAILED} with 0 attempts (the last error is kept), and a job
     * row saying the job is done is deleted, so the next run plans the job again. One transaction.
     *
     * @return the number of rows re-armed (0: nothing was terminal, nothing changed)
     */
    public int rearm(Connection c, String jobId, String fileName) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, attempts = 0 "
                                                           + "WHERE job_id = ? AND status IN (?, ?, ?)"
                                                           + (fileName != null ? " AND file_name = ?" : ""))) {
                ps.setString(1, FAILED);
                ps.setString(2, jobId);
                ps.setString(3, QUARANTINED);
                ps.setString(4, GONE);
                ps.setString(5, REFUSED);
                if (fileName != null) {
                    ps.setString(6, fileName);
                }
                n = ps.executeUpdate();
            }
            if (n > 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ? AND "
                                                               + "file_name = ? AND status = ?")) {
                    ps.setString(1, jobId);
                    ps.setString(2, JOB_FILE);
                    ps.setString(3, SUCCESS);
                    ps.executeUpdate();
                }
            }
            c.commit();
            return n;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * What a load looks up before it starts, in one round trip.
     *
     * @param status         the status recorded for (job, file), or null when it has no row yet
     * @param newestSnapshot when the job whose snapshot of the table is loaded completed (UTC), or null
     */
    public record Prior(String status, LocalDateTime newestSnapshot) {
    }

    /** @return {@link #status} and {@link #newestSnapshot} at once */
    public Prior prior(Connection c, String jobId, String fileName, String tableName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT status FROM " + table
                                                       + " WHERE job_id = ? AND file_name = ?), "
                                                       + "(SELECT MAX(job_completed_at) FROM " + table
                                                       + " WHERE table_name = ? AND status = ?)")) {
            ps.setString(1, jobId);
            ps.setString(2, fileName);
            ps.setString(3, tableName);
            ps.setString(4, SUCCESS);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Prior(null, null);
                }
                Timestamp t = rs.getTimestamp(2);
                return new Prior(rs.getString(1), t == null ? null : t.toLocalDateTime());
            }
        }
    }

    /** @return the status recorded for (job, file), or null */
    public String status(Connection c, String jobId, String fileName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + table
                                                       + " WHERE job_id = ? AND file_name = ?")) {
            ps.setString(1, jobId);
            ps.setString(2, fileName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** @return when the job whose snapshot of {@code tableName} is loaded completed (UTC), or null */
    public LocalDateTime newestSnapshot(Connection c, String tableName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(job_completed_at) FROM " + table
                                                       + " WHERE table_name = ? AND status = ?")) {
            ps.setString(1, tableName);
            ps.setString(2, SUCCESS);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toLocalDateTime();
            }
        }
    }

    /**
     * The query of {@link #newestSnapshot} as one self-contained statement, to send in a batch with others.
     *
     * @param tableName a validated table name ({@link Identifiers#validate}), inlined as a string literal
     * @return a query answering one row, one column: the newest loaded snapshot's job completion time, or NULL
     */
    public String newestSnapshotQuery(String tableName) {
        return "SELECT MAX(job_completed_at) FROM " + table + " WHERE table_name = " + literal(tableName)
               + " AND status = " + literal(SUCCESS);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * Records an outcome (insert, or update of an earlier attempt). For {@link #SUCCESS} the update only touches a row
     * that is not a success yet, so a concurrent second success fails on the primary key.
     */
    public void record(Connection c, LoadResult r, String status, Instant jobCompletedAt) throws SQLException {
        record(c, r, status, jobCompletedAt, false);
    }

    /**
     * @param first true when (job, file) had no row when the load started: the row is inserted at once (one round
     *              trip less), and a row written meanwhile fails the insert on the primary key (the load rolls back)
     */
    public void record(Connection c, LoadResult r, String status, Instant jobCompletedAt, boolean first)
            throws SQLException {
        String error = clip(r.error());
        String warnings = r.warnings().isEmpty() ? null : clip(String.join("\n", r.warnings()));
        String mode = r.mode() == null ? null : r.mode().label();
        int updated = 0;
        if (!first) try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET request_id = ?, table_name = ?, "
                                                       + "status = ?, rows_loaded = ?, bytes = ?, started_at = ?, "
                                                       + "finished_at = ?, job_completed_at = ?, "
                                                       + "attempts = attempts + 1, error = ?, mode = ?, "
                                                       + "window_start = ?, window_end = ?, warnings = ?, "
                                                       + "account_id = ? "
                                                       + "WHERE job_id = ? AND file_name = ? AND status <> ?")) {
            ps.setString(1, r.requestId());
            ps.setString(2, r.table());
            ps.setString(3, status);
            ps.setLong(4, r.rows());
            ps.setLong(5, r.bytes());
            ps.setTimestamp(6, utc(r.startedAt()));
            ps.setTimestamp(7, utc(r.finishedAt()));
            ps.setTimestamp(8, utc(jobCompletedAt));
            ps.setString(9, error);
            ps.setString(10, mode);
            ps.setTimestamp(11, ts(r.windowStart()));
            ps.setTimestamp(12, ts(r.windowEnd()));
            ps.setString(13, warnings);
            ps.setString(14, accountId);
            ps.setString(15, r.jobId());
            ps.setString(16, r.fileName());
            ps.setString(17, SUCCESS);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (job_id, file_name, request_id, "
                                                           + "table_name, status, rows_loaded, bytes, started_at, "
                                                           + "finished_at, job_completed_at, attempts, error, mode, "
                                                           + "window_start, window_end, warnings, account_id) "
                                                           + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.jobId());
                ps.setString(2, r.fileName());
                ps.setString(3, r.requestId());
                ps.setString(4, r.table());
                ps.setString(5, status);
                ps.setLong(6, r.rows());
                ps.setLong(7, r.bytes());
                ps.setTimestamp(8, utc(r.startedAt()));
                ps.setTimestamp(9, utc(r.finishedAt()));
                ps.setTimestamp(10, utc(jobCompletedAt));
                ps.setString(11, error);
                ps.setString(12, mode);
                ps.setTimestamp(13, ts(r.windowStart()));
                ps.setTimestamp(14, ts(r.windowEnd()));
                ps.setString(15, warnings);
                ps.setString(16, accountId);
                ps.executeUpdate();
            }
        }
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > MAX_ERROR ? s.substring(0, MAX_ERROR - 1) + "…" : s;
    }

    private static Timestamp ts(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t);
    }

    /** Timestamps are stored as UTC wall-clock time, whatever the JVM's zone. */
    static Timestamp utc(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
