package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one extract CSV into its table: stream-parse into a staging table through the dialect's bulk path, then in
 * one transaction either swap the staging table in ({@link LoadMode#SNAPSHOT}) or merge it as the job's window
 * ({@link LoadMode#WINDOW}, {@link WindowMerge}), and record the load in the history. Column types come from the
 * extract's schema documents, else are inferred from the data ({@link TypeInference}); a value that does not fit its
 * type widens its column to text for that load ({@link MisfitScan}), with a warning in the history. A failure at any
 * point rolls back, drops the staging table, records the failure (with the file and line when a row is bad) and leaves
 * the table untouched.
 */
public class WarehouseLoader {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final WarehouseSettings settings;
    private final LoadHistory history;
    private volatile LoadListener listener = LoadListener.NONE;
    private volatile java.time.Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

    /** How often a long table load logs its progress unless set otherwise: every 10 seconds. */
    public static final java.time.Duration DEFAULT_PROGRESS_INTERVAL = java.time.Duration.ofSeconds(10);

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

    /**
     * @param interval the time between two progress lines (rows so far, rows/s) of a table load streamed row by row;
     *                 a load shorter than it logs none
     * @throws IllegalArgumentException when negative
     */
    public void setProgressInterval(java.time.Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("The progress interval must be zero or positive, not " + interval);
        }
        this.progressInterval = interval;
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

    /** Records a listed file missing from the extract: never retried. */
    public void recordMissing(LoadResult missing, Instant jobCompletedAt) {
        try (Connection c = connect()) {
            history.record(c, missing, LoadHistory.MISSING, jobCompletedAt);
        } catch (SQLException e) {
            LOG.warn("Could not record the missing file {} of job {} in the load history: {}", missing.fileName(),
                    missing.jobId(), e.getMessage());
        }
    }

    /** Records the extract's {@code metadata.csv} (creation time, region) on the job's row of the history. */
    public void recordExtract(String jobId, String jobMarker, Instant createdAt, String region) {
        try (Connection c = connect()) {
            history.recordExtract(c, jobId, jobMarker, createdAt, region);
        } catch (SQLException e) {
            LOG.warn("Could not record the extract metadata of job {} in the load history: {}", jobId, e.getMessage());
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
        LoadMode mode = settings.modeOf(table);
        try (Connection c = connect()) {
            LoadHistory.Prior prior = history.prior(c, request.jobId(), request.fileName(), table);
            String status = prior.status();
            if (LoadHistory.SUCCESS.equals(status) || LoadHistory.SUPERSEDED.equals(status)) {
                dropQuietly(c, settings.schema(), stageName(table, request.jobId())); // left by a crashed attempt
                return result(request, table, LoadResult.Status.ALREADY_LOADED, 0, started, null);
            }
            LocalDateTime newest = mode == LoadMode.SNAPSHOT ? prior.newestSnapshot() : null;
            if (newest != null && request.jobCompletedAt() != null
                && newest.isAfter(LocalDateTime.ofInstant(request.jobCompletedAt(), ZoneOffset.UTC))) {
                LoadResult r = result(request, table, LoadResult.Status.SUPERSEDED, 0, started,
                        "a newer job's snapshot (completed " + newest + " UTC) is loaded");
                history.record(c, r, LoadHistory.SUPERSEDED, request.jobCompletedAt());
                dropQuietly(c, settings.schema(), stageName(table, request.jobId())); // left by a crashed attempt
                return r;
            }
            return loadTable(c, request, table, mode, started, status == null);
        } catch (Exception e) {
            LoadResult r = result(request, table, LoadResult.Status.FAILED, 0, started, message(e));
            LOG.warn("Loading {} of job {} into {} failed: {}", request.fileName(), request.jobId(), table, r.error());
            recordFailure(r, request.jobCompletedAt());
            return r;
        }
    }

    /**
     * Loads a table: first, where the dialect can, by passing the CSV's bytes through to the database's own CSV reader
     * ({@link #passThrough}); when that is refused or rejected, through the parser. There a value that does not fit its
     * column's type widens that column (and every other column with such a value, found by one more read) to text,
     * and the table is loaded once more: a wrong documented type, or a type that changed between two jobs, never loses
     * the table.
     */
    private LoadResult loadTable(Connection c, LoadRequest request, String table, LoadMode mode, Instant started,
                                 boolean first) throws Exception {
        Map<String, MisfitScan.Widening> widened = new LinkedHashMap<>();
        TableSchema[] schema = {request.schema()};
        boolean read = false;
        if (passesThrough(request)) {
            try {
                return inTableTransaction(c, table, request, () -> passThrough(c, request, table, mode, started,
                        schema[0], first));
            } catch (CsvPassThrough.Refused e) {
                LOG.debug("Table {}: loading {} through the parser ({})", table, request.fileName(), e.getMessage());
            } catch (SQLException e) {
                LOG.info("Table {}: the database's CSV reader rejected {}; loading it through the parser ({})", table,
                        request.fileName(), firstLine(e.getMessage()));
            }
            read = true;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                boolean again = read || attempt > 0;
                return inTableTransaction(c, table, request, () -> stageAndApply(c, request, table, mode, started,
                        schema, widened, again, first));
            } catch (WidenNeeded w) {
                if (attempt > 0 || !request.isRereadable()) {
                    throw new BadRowException(request.fileName(), w.line, w.misfit.getMessage());
                }
                Map<String, MisfitScan.Widening> found = MisfitScan.scan(request.reopenCsv(), request.fileName(),
                        w.layout, schema[0]);
                if (found.isEmpty()) {
                    throw new BadRowException(request.fileName(), w.line, w.misfit.getMessage());
                }
                widened.putAll(found);
                LOG.warn("Table {}: widening {} to text for this load (values that do not fit their type); loading "
                         + "again", table, found.keySet());
            }
        }
    }

    /**
     * @return whether the table's CSV bytes are first passed through to the database: the dialect can, the CSV can be
     *         read again for the parser path, its types need no inference from the rows, and no lineage columns are
     *         filled
     */
    private boolean passesThrough(LoadRequest request) {
        TableSchema s = request.schema();
        return dialect.passesCsvThrough() && request.isRereadable() && !settings.lineage()
               && (s.isDocumented() || s.origin() == TableSchema.Origin.INFERRED);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A value did not fit: the load is given up (rolled back) and retried with widened columns. */
    private static final class WidenNeeded extends Exception {
        private final MisfitException misfit;
        private final long line;
        private final TableLayout layout;

        WidenNeeded(MisfitException misfit, long line, TableLayout layout) {
            super(misfit.getMessage(), null, false, false);
            this.misfit = misfit;
            this.line = line;
            this.layout = layout;
        }
    }

    /**
     * The CSV's bytes straight into the staging table ({@link Dialect#copyCsvBytes}), then as {@link #apply}.
     *
     * @throws CsvPassThrough.Refused when the bytes would be read differently from the parser path
     * @throws SQLException           when the database rejects them, or the swap fails
     */
    private Applied passThrough(Connection c, LoadRequest request, String table, LoadMode mode, Instant started,
                                TableSchema tableSchema, boolean first) throws Exception {
        String schema = settings.schema();
        String stage = stageName(table, request.jobId());
        try (CsvPassThrough csv = CsvPassThrough.open(request.openCsv(), request.fileName())) {
            List<ColumnDef> live = liveColumns(c, schema, table);
            TableLayout layout = TableLayout.of(live, csv.header(), tableSchema, settings.lineage(),
                    java.util.Set.of());
            List<String> key = mode == LoadMode.WINDOW ? WindowMerge.keyOf(table, tableSchema, layout) : List.of();
            boolean logged = createStage(c, schema, stage, mode, live, layout);
            String event = mode == LoadMode.WINDOW ? WindowMerge.eventTimeColumn(layout) : null;
            if (key.size() == 1) {
                csv.watchKey(key.get(0));
            }
            if (event != null) {
                csv.watchEventTime(event);
            }
            c.setAutoCommit(false);
            long rows = dialect.copyCsvBytes(c, schema, stage, layout, csv);
            request.verifyComplete();
            LocalDateTime[] times = event != null ? csv.eventTimes() : null;
            WindowMerge.Seen seen = new WindowMerge.Seen(csv.keysDistinct(), times != null,
                    times != null ? times[0] : null, times != null ? times[1] : null);
            LOG.debug("Table {}: {} row(s) of {} passed through to the database's CSV reader{}{}", table, rows,
                    request.fileName(), seen.keysDistinct() ? ", every key " + key + " distinct" : "",
                    seen.boundsKnown() ? ", " + event + " from " + seen.start() + " to " + seen.end() : "");
            listener.staged(request, table);
            return apply(c, request, table, mode, started, stage, live, layout, tableSchema, key, logged, seen, rows,
                    new ArrayList<>(), first);
        }
    }

    private Applied stageAndApply(Connection c, LoadRequest request, String table, LoadMode mode, Instant started,
                                  TableSchema[] schemaHolder, Map<String, MisfitScan.Widening> widened,
                                  boolean again, boolean first) throws Exception {
        String schema = settings.schema();
        String stage = stageName(table, request.jobId());
        // a stream read once already (up to a value that did not fit) is read again from its start
        try (CsvTable csv = CsvTable.open(again ? request.reopenCsv() : request.openCsv(), request.fileName())) {
            List<ColumnDef> live = liveColumns(c, schema, table);
            Iterator<CsvTable.Row> rowsIt = csv.iterator();
            List<CsvTable.Row> head = List.of();
            if (!schemaHolder[0].isDocumented() && schemaHolder[0].origin() != TableSchema.Origin.INFERRED) {
                head = sample(rowsIt);
                schemaHolder[0] = TableSchema.inferred(table, TypeInference.infer(csv.header(),
                        head.stream().map(CsvTable.Row::fields).toList()));
                LOG.info("Table {}: no schema document covers it; types inferred from {} row(s): {}", table,
                        head.size(), describe(schemaHolder[0]));
            }
            TableSchema tableSchema = schemaHolder[0];
            TableLayout layout = TableLayout.of(live, csv.header(), tableSchema, settings.lineage(), widened.keySet());
            List<String> key = mode == LoadMode.WINDOW ? WindowMerge.keyOf(table, tableSchema, layout) : List.of();
            boolean logged = createStage(c, schema, stage, mode, live, layout);

            LocalDateTime loadedAt = LocalDateTime.now(ZoneOffset.UTC);
            // the database's own CSV reader when it has a faithful one (-1: the row path)
            long bulk;
            try {
                bulk = dialect.loadCsvFile(c, schema, stage, layout, request.csv(), request.jobId(), loadedAt);
            } catch (Dialect.BulkLoadRefused refused) {
                // rolled back, staging table included: the checked row path loads it, or widens, or names the line
                createStage(c, schema, stage, mode, live, layout);
                bulk = -1;
            }
            c.setAutoCommit(false);
            RowSink sink = bulk >= 0 ? null : dialect.openSink(c, schema, stage, layout.columns());
            long rows = bulk;
            if (sink == null) {
                listener.staged(request, table);
            } else try {
                Iterator<CsvTable.Row> all = concat(head, rowsIt);
                LoadProgress progress = new LoadProgress(table, request.fileName(), progressInterval);
                if (sink.acceptsText()) {
                    String loadedAtText = loadedAt.toString();
                    while (all.hasNext()) {
                        CsvTable.Row row = all.next();
                        sink.appendText(mapped(() -> layout.toText(row.fields(), request.jobId(), loadedAtText), row,
                                layout));
                        progress.row();
                    }
                } else {
                    while (all.hasNext()) {
                        CsvTable.Row row = all.next();
                        sink.append(mapped(() -> layout.convert(row.fields(), request.jobId(), loadedAt), row,
                                layout));
                        progress.row();
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
            List<String> warnings = new ArrayList<>();
            widened.values().forEach(w -> warnings.add(w.warning(table)));
            return apply(c, request, table, mode, started, stage, live, layout, tableSchema, key, logged,
                    WindowMerge.Seen.NOTHING, rows, warnings, first);
        }
    }

    /** One table's staging and {@link #apply}: either path of {@link #loadTable}. */
    @FunctionalInterface
    private interface TableWork {
        Applied run() throws Exception;
    }

    /**
     * Runs one table's staging and apply as one unit: on any failure the transaction is rolled back; either way the
     * connection is back in autocommit and the staging table, when left (after a failure, a refill or a merge; gone
     * after a rename swap), is dropped.
     */
    private LoadResult inTableTransaction(Connection c, String table, LoadRequest request, TableWork work)
            throws Exception {
        boolean stageLeft = true;
        try {
            Applied applied = work.run();
            stageLeft = applied.stageLeft;
            return applied.result;
        } catch (Exception e) {
            rollback(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
            if (stageLeft) {
                dropQuietly(c, settings.schema(), stageName(table, request.jobId()));
            }
        }
    }

    /**
     * Creates the empty staging table (dropping one a crashed attempt left): in the load's transaction when the
     * dialect loads a table in one transaction, else in autocommit.
     *
     * @return whether it is a plain (logged) table that may become the live table by a rename: a snapshot's, or a
     *         window's whose live table does not exist yet
     */
    private boolean createStage(Connection c, String schema, String stage, LoadMode mode, List<ColumnDef> live,
                                TableLayout layout) throws SQLException {
        boolean becomesLive = renameSwap() && (mode == LoadMode.SNAPSHOT || live.isEmpty());
        String drop = "DROP TABLE IF EXISTS " + Identifiers.qualified(schema, stage);
        String create = createTable(dialect.stagingTableKind(becomesLive), schema, stage, layout.columns());
        if (dialect.loadsInOneTransaction()) {
            c.setAutoCommit(false);
        }
        String settingsSql = dialect.loadsInOneTransaction() ? dialect.tableTransactionSettings() : null;
        if (dialect.batchesStatements()) {
            execute(c, (settingsSql == null ? "" : settingsSql + ";\n") + drop + ";\n" + create); // one round trip
        } else {
            if (settingsSql != null) {
                execute(c, settingsSql);
            }
            execute(c, drop);
            execute(c, create);
        }
        return becomesLive;
    }

    /** A load's result, and whether its staging table is still there to drop. */
    private record Applied(LoadResult result, boolean stageLeft) {
    }

    /**
     * With the rows in the staging table (open transaction): the dialect's finish of the staging table, then the
     * window merge or the snapshot swap, the history row, and the commit.
     *
     * @param seen what the CSV pass-through saw of the staged rows (distinct keys, event-time bounds), which spares a
     *             window the database's scans for them
     */
    private Applied apply(Connection c, LoadRequest request, String table, LoadMode mode, Instant started, String stage,
                          List<ColumnDef> live, TableLayout layout, TableSchema tableSchema, List<String> key,
                          boolean logged, WindowMerge.Seen seen, long rows, List<String> warnings, boolean first)
            throws Exception {
        String schema = settings.schema();
        boolean oneTransaction = dialect.loadsInOneTransaction();
        warnings.addAll(dialect.finishStage(c, schema, stage, layout, table));
        if (!oneTransaction) {
            c.commit();
        }
        boolean stageLeft = true;
        LoadResult r;
        if (mode == LoadMode.WINDOW) {
            WindowMerge.Outcome merged = logged && live.isEmpty()
                    ? WindowMerge.adopt(c, schema, table, stage, layout, key, seen, WindowMerge.isDelta(table), rows,
                            dialect.batchesStatements())
                    : null;
            if (merged != null) {
                stageLeft = false;
            } else {
                merged = mergeWindow(c, schema, table, stage, live, layout, key, seen);
            }
            listener.swapped(request, table);
            r = new LoadResult(request.jobId(), request.requestId(), request.fileName(), table,
                    LoadResult.Status.LOADED, rows, request.bytes(), started, Instant.now(), null, mode,
                    merged.windowStart(), merged.windowEnd(), warnings);
            LOG.info("Table {}.{}: window {} .. {} merged ({} row(s) read, {} new or replaced, key {})", schema,
                    table, merged.windowStart(), merged.windowEnd(), rows, merged.rows(),
                    merged.key().isEmpty() ? "the whole row" : merged.key());
        } else {
            if (renameSwap() && dialect.batchesStatements()) {
                LoadResult late = renameSwapChecked(c, request, table, stage, live, started);
                if (late != null) {
                    return new Applied(late, false);
                }
            } else {
                LoadResult late = supersededMeanwhile(c, request, table, live, started);
                if (late != null) {
                    return new Applied(late, true);
                }
                swap(c, schema, table, stage, live, layout);
            }
            stageLeft = !renameSwap();
            listener.swapped(request, table);
            r = new LoadResult(request.jobId(), request.requestId(), request.fileName(), table,
                    LoadResult.Status.LOADED, rows, request.bytes(), started, Instant.now(), null, mode, null,
                    null, warnings);
        }
        if (stageLeft && oneTransaction) {
            execute(c, "DROP TABLE " + Identifiers.qualified(schema, stage));
            stageLeft = false;
        }
        history.record(c, r, LoadHistory.SUCCESS, request.jobCompletedAt(), first);
        c.commit();
        listener.committed(r);
        if (!live.isEmpty() && !layout.added().isEmpty()) {
            LOG.info("Table {}.{}: added columns {}", schema, table,
                    layout.added().stream().map(ColumnDef::name).toList());
        }
        for (String w : warnings) {
            LOG.warn("{}", w);
        }
        return new Applied(r, stageLeft);
    }

    private static <T> T mapped(java.util.function.Supplier<T> mapping, CsvTable.Row row, TableLayout layout)
            throws WidenNeeded {
        try {
            return mapping.get();
        } catch (MisfitException e) {
            throw new WidenNeeded(e, row.line(), layout);
        }
    }

    /** The rows type inference looks at: at most 1,000, and at most 4 MB of text. */
    private static List<CsvTable.Row> sample(Iterator<CsvTable.Row> rows) {
        List<CsvTable.Row> head = new ArrayList<>();
        long chars = 0;
        while (head.size() < 1000 && chars < (4 << 20) && rows.hasNext()) {
            CsvTable.Row r = rows.next();
            head.add(r);
            for (String f : r.fields()) {
                chars += f == null ? 0 : f.length();
            }
        }
        return head;
    }

    private static Iterator<CsvTable.Row> concat(List<CsvTable.Row> head, Iterator<CsvTable.Row> rest) {
        Iterator<CsvTable.Row> first = head.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || rest.hasNext();
            }

            @Override
            public CsvTable.Row next() {
                return first.hasNext() ? first.next() : rest.next();
            }
        };
    }

    private static String describe(TableSchema s) {
        return s.columns().stream().filter(col -> col.type() != ColumnType.TEXT)
                .map(col -> col.name() + " " + col.type().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]")) + " (every other column text)";
    }

    /**
     * Inside the open transaction: merges a window into the live table (created like the staging table if new; a
     * first window whose keys are unique became the live table by a rename already, {@link WindowMerge#adopt}).
     */
    private WindowMerge.Outcome mergeWindow(Connection c, String schema, String table, String stage,
                                            List<ColumnDef> live, TableLayout layout, List<String> key,
                                            WindowMerge.Seen seen) throws SQLException {
        if (!dialect.transactionalDdl()) {
            c.commit();
            c.setAutoCommit(true);
        }
        Map<String, ColumnType> liveTypes = prepareLive(c, schema, table, stage, live, layout);
        if (!dialect.transactionalDdl()) {
            c.setAutoCommit(false);
        }
        return WindowMerge.merge(c, schema, table, stage, layout, key, seen, WindowMerge.isDelta(table), liveTypes,
                dialect.sqlType(ColumnType.TEXT), dialect.batchesStatements());
    }

    /**
     * Makes the live table ready to take the staging table's rows: created like the staging table when missing,
     * new columns added, a column widened this load widened in the live table too (it stays widened), and the
     * dialect's own reconciliation (e.g. DuckDB's integral and decimal number columns).
     *
     * @return the live table's column types afterwards
     */
    private Map<String, ColumnType> prepareLive(Connection c, String schema, String table, String stage,
                                                List<ColumnDef> live, TableLayout layout) throws SQLException {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        if (live.isEmpty()) {
            execute(c, "CREATE TABLE " + Identifiers.qualified(schema, table) + " AS SELECT * FROM "
                       + Identifiers.qualified(schema, stage) + " WHERE 1 = 0");
            layout.columns().forEach(col -> types.put(col.name(), col.type()));
            return types;
        }
        live.forEach(col -> types.put(col.name(), col.type()));
        for (ColumnDef add : layout.added()) {
            execute(c, "ALTER TABLE " + Identifiers.qualified(schema, table) + " ADD COLUMN "
                       + Identifiers.quote(add.name()) + " " + dialect.stagedSqlType(c, schema, stage, add));
            types.put(add.name(), add.type());
        }
        for (ColumnDef col : layout.columns()) {
            ColumnType was = types.get(col.name());
            if (col.type() == ColumnType.TEXT && was != null && was != ColumnType.TEXT) {
                execute(c, dialect.alterToText(schema, table, col.name()));
                types.put(col.name(), ColumnType.TEXT);
            }
        }
        dialect.reconcile(c, schema, table, stage, layout);
        return types;
    }

    /**
     * The "newer snapshot already loaded" check once more, now holding the live table's lock (PostgreSQL): another
     * instance may have swapped in a newer job's snapshot while this one was staging. Then nothing is swapped and the
     * file is recorded as superseded.
     *
     * @return the superseded result, or null to go on with the swap
     */
    private LoadResult supersededMeanwhile(Connection c, LoadRequest request, String table, List<ColumnDef> live,
                                           Instant started) throws SQLException {
        if (request.jobCompletedAt() == null) {
            return null;
        }
        if (!live.isEmpty()) {
            dialect.lockForSwap(c, settings.schema(), table);
        }
        LocalDateTime newest = history.newestSnapshot(c, table);
        if (newest == null || !newest.isAfter(LocalDateTime.ofInstant(request.jobCompletedAt(), ZoneOffset.UTC))) {
            return null;
        }
        LoadResult r = result(request, table, LoadResult.Status.SUPERSEDED, 0, started,
                "a newer job's snapshot (completed " + newest + " UTC) was loaded meanwhile");
        history.record(c, r, LoadHistory.SUPERSEDED, request.jobCompletedAt());
        c.commit();
        return r;
    }

    /**
     * The rename swap and the check of {@link #supersededMeanwhile} in one round trip (a driver that batches
     * statements, in the load's one transaction): drop the live table (its lock then held to the commit), rename the
     * staging table into its place, and read the newest loaded snapshot's job time. When a newer job's snapshot was
     * loaded meanwhile, all of it is rolled back (the staging table with it) and the file recorded as superseded.
     *
     * @return the superseded result, or null when swapped (commit pending)
     */
    private LoadResult renameSwapChecked(Connection c, LoadRequest request, String table, String stage,
                                         List<ColumnDef> live, Instant started) throws SQLException {
        String schema = settings.schema();
        List<String> sql = new ArrayList<>();
        if (!live.isEmpty()) {
            sql.add("DROP TABLE " + Identifiers.qualified(schema, table));
        }
        sql.add("ALTER TABLE " + Identifiers.qualified(schema, stage) + " RENAME TO " + Identifiers.quote(table));
        Instant completed = request.jobCompletedAt();
        if (completed == null) {
            execute(c, String.join(";\n", sql));
            return null;
        }
        sql.add(history.newestSnapshotQuery(table));
        LocalDateTime newest = null;
        try (Statement s = c.createStatement()) {
            boolean resultSet = s.execute(String.join(";\n", sql));
            for (int i = 1; i < sql.size() && !resultSet; i++) {
                resultSet = s.getMoreResults();
            }
            if (!resultSet) {
                throw new SQLException("No answer to the newest snapshot's query of table " + table);
            }
            try (java.sql.ResultSet rs = s.getResultSet()) {
                java.sql.Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                newest = t == null ? null : t.toLocalDateTime();
            }
        }
        if (newest == null || !newest.isAfter(LocalDateTime.ofInstant(completed, ZoneOffset.UTC))) {
            return null;
        }
        c.rollback();
        LoadResult r = result(request, table, LoadResult.Status.SUPERSEDED, 0, started,
                "a newer job's snapshot (completed " + newest + " UTC) was loaded meanwhile");
        history.record(c, r, LoadHistory.SUPERSEDED, completed);
        c.commit();
        return r;
    }

    /** Inside the open transaction: replaces the live table's content by the staging table's. */
    private void swap(Connection c, String schema, String table, String stage, List<ColumnDef> live,
                      TableLayout layout) throws SQLException {
        if (renameSwap()) {
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
            prepareLive(c, schema, table, stage, live, layout);
            c.setAutoCommit(false);
        } else {
            prepareLive(c, schema, table, stage, live, layout);
        }
        String cols = layout.columns().stream().map(col -> Identifiers.quote(col.name()))
                .collect(Collectors.joining(", "));
        execute(c, "DELETE FROM " + Identifiers.qualified(schema, table));
        execute(c, "INSERT INTO " + Identifiers.qualified(schema, table) + " (" + cols + ") SELECT " + cols + " FROM "
                   + Identifiers.qualified(schema, stage));
    }

    /** @return whether a snapshot's staging table is renamed into the live table (else the live table is refilled) */
    private boolean renameSwap() {
        return dialect.transactionalDdl() && WarehouseSettings.SWAP_RENAME.equals(settings.swap());
    }

    private String createTable(String kind, String schema, String table, List<ColumnDef> columns) {
        return "CREATE " + kind + "TABLE " + Identifiers.qualified(schema, table) + " ("
               + columns.stream().map(col -> Identifiers.quote(col.name()) + " " + dialect.sqlType(col.type()))
                       .collect(Collectors.joining(", "))
               + ")";
    }

    /** @return the live table's columns with their types, empty when the table does not exist */
    List<ColumnDef> liveColumns(Connection c, String schema, String table) throws SQLException {
        return dialect.liveColumns(c, schema, table);
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

    /**
     * The staging table of one job's load of a table: two jobs loading the same table at once (two instances) never
     * share or drop each other's staging table, while the same job's next attempt (after a crash) finds and drops the
     * one its crashed attempt left. All start with {@value #STAGE_PREFIX}.
     */
    static String stageName(String table, String jobId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(String.valueOf(jobId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String suffix = "_" + Long.toHexString(crc.getValue());
        String s = STAGE_PREFIX + table;
        return (s.length() + suffix.length() > 63 ? s.substring(0, 63 - suffix.length()) : s) + suffix;
    }

    /** The name prefix of every staging table. */
    public static final String STAGE_PREFIX = "_stage_";

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
