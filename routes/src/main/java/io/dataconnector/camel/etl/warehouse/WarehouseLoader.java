package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one extract CSV as the new snapshot of its table: stream-parse into a staging table through the dialect's
 * bulk path, then in one transaction swap the staging table in and record the load in the history. A failure at any
 * point rolls back, drops the staging table, records the failure (with the file and line when a row is bad) and leaves
 * the previous snapshot untouched.
 */
public class WarehouseLoader {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final WarehouseSettings settings;
    private final LoadHistory history;
    private volatile LoadListener listener = LoadListener.NONE;

    public WarehouseLoader(DataSource dataSource, Dialect dialect, WarehouseSettings settings) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.settings = settings;
        this.history = new LoadHistory(settings);
    }

    /** The listener told of each load's crash-relevant points ({@link LoadListener#NONE} by default). */
    public void setListener(LoadListener listener) {
        this.listener = listener == null ? LoadListener.NONE : listener;
    }

    public LoadListener getListener() {
        return listener;
    }

    public Dialect getDialect() {
        return dialect;
    }

    public WarehouseSettings getSettings() {
        return settings;
    }

    /** Creates the schema and the history table when missing. */
    public void initialize() throws SQLException {
        try (Connection c = connect()) {
            history.create(c, settings.schema());
        }
    }

    /** @return the files of a job that are loaded or superseded already */
    public Set<String> doneFiles(String jobId) throws SQLException {
        try (Connection c = connect()) {
            return history.doneFiles(c, jobId);
        }
    }

    /** Records a failure that happened before the file reached the loader (download, unzip). */
    public void recordFailure(LoadResult failure, Instant jobCompletedAt) {
        try (Connection c = connect()) {
            history.record(c, failure, LoadHistory.FAILED, jobCompletedAt);
        } catch (SQLException e) {
            LOG.warn("Could not record the failure of {} of job {} in the load history: {}", failure.fileName(),
                    failure.jobId(), e.getMessage());
        }
    }

    /** Records that every wanted file of a job is loaded (the job-level row of the history). */
    public void recordJobDone(LoadResult jobResult, Instant jobCompletedAt) {
        try (Connection c = connect()) {
            history.record(c, jobResult, LoadHistory.SUCCESS, jobCompletedAt);
        } catch (SQLException e) {
            LOG.warn("Could not mark job {} as loaded in the load history: {}", jobResult.jobId(), e.getMessage());
        }
    }

    /** @return the status recorded for (job, file), e.g. {@link LoadHistory#SUCCESS}, or null when none */
    public String status(String jobId, String fileName) throws SQLException {
        try (Connection c = connect()) {
            return history.status(c, jobId, fileName);
        }
    }

    /** @return every history row of a job (file name, status, attempts, error) */
    public List<LoadHistory.Entry> history(String jobId) throws SQLException {
        try (Connection c = connect()) {
            return history.entries(c, jobId);
        }
    }

    /**
     * Records an outcome with a terminal or failed status ({@link LoadHistory#FAILED}, {@link LoadHistory#REFUSED},
     * {@link LoadHistory#GONE}), counting one more attempt.
     */
    public void recordOutcome(LoadResult result, String status, Instant jobCompletedAt) throws SQLException {
        try (Connection c = connect()) {
            history.record(c, result, status, jobCompletedAt);
        }
    }

    /**
     * Turns a failed (job, file) whose attempts reached {@code maxAttempts} into {@link LoadHistory#QUARANTINED}.
     *
     * @return whether it is quarantined now
     */
    public boolean quarantineIfExhausted(String jobId, String fileName, int maxAttempts) throws SQLException {
        try (Connection c = connect()) {
            return history.quarantineIfExhausted(c, jobId, fileName, maxAttempts) > 0;
        }
    }

    /**
     * Re-arms a quarantined, gone or refused (job, file) — or, with {@code fileName} null, every such row of the job —
     * so that the next run tries it again.
     *
     * @return the number of history rows re-armed
     */
    public int rearm(String jobId, String fileName) throws SQLException {
        try (Connection c = connect()) {
            return history.rearm(c, jobId, fileName);
        }
    }

    /** Loads one file; never throws: a failure is a {@link LoadResult.Status#FAILED} result, recorded in the history. */
    public LoadResult load(LoadRequest request) {
        Instant started = Instant.now();
        String table;
        try {
            table = request.table();
        } catch (IllegalArgumentException e) {
            LoadResult r = new LoadResult(request.jobId(), request.requestId(), request.fileName(), null,
                    LoadResult.Status.FAILED, 0, request.bytes(), started, Instant.now(), e.getMessage());
            recordFailure(r, request.jobCompletedAt());
            return r;
        }
        try (Connection c = connect()) {
            String status = history.status(c, request.jobId(), request.fileName());
            if (LoadHistory.SUCCESS.equals(status) || LoadHistory.SUPERSEDED.equals(status)) {
                return result(request, table, LoadResult.Status.ALREADY_LOADED, 0, started, null);
            }
            LocalDateTime newest = history.newestSnapshot(c, table);
            if (newest != null && request.jobCompletedAt() != null
                && newest.isAfter(LocalDateTime.ofInstant(request.jobCompletedAt(), ZoneOffset.UTC))) {
                LoadResult r = result(request, table, LoadResult.Status.SUPERSEDED, 0, started,
                        "a newer job's snapshot (completed " + newest + " UTC) is loaded");
                history.record(c, r, LoadHistory.SUPERSEDED, request.jobCompletedAt());
                return r;
            }
            return loadSnapshot(c, request, table, started);
        } catch (Exception e) {
            LoadResult r = result(request, table, LoadResult.Status.FAILED, 0, started, message(e));
            LOG.warn("Loading {} of job {} into {} failed: {}", request.fileName(), request.jobId(), table, r.error());
            recordFailure(r, request.jobCompletedAt());
            return r;
        }
    }

    private LoadResult loadSnapshot(Connection c, LoadRequest request, String table, Instant started) throws Exception {
        String schema = settings.schema();
        String stage = stageName(table);
        try (CsvTable csv = CsvTable.open(request.openCsv(), request.fileName())) {
            List<ColumnDef> live = liveColumns(c, schema, table);
            TableLayout layout = TableLayout.of(live, csv.header(), request.schema(), settings.lineage());
            execute(c, "DROP TABLE IF EXISTS " + Identifiers.qualified(schema, stage));
            execute(c, createTable(schema, stage, layout.columns()));

            LocalDateTime loadedAt = LocalDateTime.now(ZoneOffset.UTC);
            // the database's own CSV reader when it has a faithful one (autocommit; -1 = take the row path)
            long bulk = dialect.loadCsvFile(c, schema, stage, layout, request.csv(), request.jobId(), loadedAt);
            c.setAutoCommit(false);
            RowSink sink = bulk >= 0 ? null : dialect.openSink(c, schema, stage, layout.columns());
            long rows = bulk;
            if (sink != null) try {
                if (sink.acceptsText()) {
                    String loadedAtText = loadedAt.toString();
                    for (CsvTable.Row row : csv) {
                        String[] values;
                        try {
                            values = layout.toText(row.fields(), request.jobId(), loadedAtText);
                        } catch (IllegalArgumentException e) {
                            throw new BadRowException(request.fileName(), row.line(), e.getMessage());
                        }
                        sink.appendText(values);
                    }
                } else {
                    for (CsvTable.Row row : csv) {
                        Object[] values;
                        try {
                            values = layout.convert(row.fields(), request.jobId(), loadedAt);
                        } catch (IllegalArgumentException e) {
                            throw new BadRowException(request.fileName(), row.line(), e.getMessage());
                        }
                        sink.append(values);
                    }
                }
                // a streamed CSV (a ZIP entry) is checked to its end (CRC-32, size limit) before anything commits
                request.verifyComplete();
                rows = sink.finish();
                listener.staged(request, table);
            } catch (Exception e) {
                sink.abort();
                throw e;
            }
            c.commit();

            swap(c, schema, table, stage, live, layout);
            listener.swapped(request, table);
            LoadResult r = result(request, table, LoadResult.Status.LOADED, rows, started, null);
            history.record(c, r, LoadHistory.SUCCESS, request.jobCompletedAt());
            c.commit();
            listener.committed(r);
            if (!live.isEmpty() && !layout.added().isEmpty()) {
                LOG.info("Table {}.{}: added columns {}", schema, table,
                        layout.added().stream().map(ColumnDef::name).toList());
            }
            return r;
        } catch (Exception e) {
            rollback(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
            dropQuietly(c, schema, stage); // gone after a rename swap; left after a failure or a refill

        }
    }

    /** Inside the open transaction: replaces the live table's content by the staging table's. */
    private void swap(Connection c, String schema, String table, String stage, List<ColumnDef> live,
                      TableLayout layout) throws SQLException {
        boolean rename = dialect.transactionalDdl() && WarehouseSettings.SWAP_RENAME.equals(settings.swap());
        if (rename) {
            if (!live.isEmpty()) {
                execute(c, "DROP TABLE " + Identifiers.qualified(schema, table));
            }
            execute(c, "ALTER TABLE " + Identifiers.qualified(schema, stage) + " RENAME TO " + Identifiers.quote(table));
            return;
        }
        if (!dialect.transactionalDdl()) {
            // DDL commits on such databases: create or widen the live table first (harmless to the old snapshot),
            // then refill it in one transaction
            c.commit();
            c.setAutoCommit(true);
            if (live.isEmpty()) {
                execute(c, createTable(schema, table, layout.columns()));
            } else {
                for (ColumnDef add : layout.added()) {
                    execute(c, addColumn(schema, table, add));
                }
            }
            c.setAutoCommit(false);
        } else if (live.isEmpty()) {
            execute(c, createTable(schema, table, layout.columns()));
        } else {
            for (ColumnDef add : layout.added()) {
                execute(c, addColumn(schema, table, add));
            }
        }
        String cols = layout.columns().stream().map(col -> Identifiers.quote(col.name()))
                .collect(Collectors.joining(", "));
        execute(c, "DELETE FROM " + Identifiers.qualified(schema, table));
        execute(c, "INSERT INTO " + Identifiers.qualified(schema, table) + " (" + cols + ") SELECT " + cols + " FROM "
                   + Identifiers.qualified(schema, stage));
    }

    private String createTable(String schema, String table, List<ColumnDef> columns) {
        return "CREATE TABLE " + Identifiers.qualified(schema, table) + " ("
               + columns.stream().map(col -> Identifiers.quote(col.name()) + " " + dialect.sqlType(col.type()))
                       .collect(Collectors.joining(", "))
               + ")";
    }

    private String addColumn(String schema, String table, ColumnDef col) {
        return "ALTER TABLE " + Identifiers.qualified(schema, table) + " ADD COLUMN " + Identifiers.quote(col.name())
               + " " + dialect.sqlType(col.type());
    }

    /** @return the live table's columns with their types, empty when the table does not exist */
    List<ColumnDef> liveColumns(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                                                       + "WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return List.of();
                }
            }
        }
        List<ColumnDef> cols = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.qualified(schema, table) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(new ColumnDef(md.getColumnName(i), ColumnType.fromJdbc(md.getColumnType(i),
                        md.getColumnTypeName(i))));
            }
        }
        return cols;
    }

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            dialect.prepare(c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    static String stageName(String table) {
        String s = "_stage_" + table;
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
    }

    private static void dropQuietly(Connection c, String schema, String stage) {
        try {
            execute(c, "DROP TABLE IF EXISTS " + Identifiers.qualified(schema, stage));
        } catch (SQLException e) {
            LOG.debug("Could not drop staging table {}", stage, e);
        }
    }

    private static LoadResult result(LoadRequest request, String table, LoadResult.Status status, long rows,
                                     Instant started, String error) {
        return new LoadResult(request.jobId(), request.requestId(), request.fileName(), table, status, rows,
                request.bytes(), started, Instant.now(), error);
    }

    static String message(Throwable e) {
        if (e instanceof BadRowException) {
            return e.getMessage();
        }
        Throwable t = e;
        StringBuilder sb = new StringBuilder();
        while (t != null && sb.length() < 1000) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString();
    }
}
