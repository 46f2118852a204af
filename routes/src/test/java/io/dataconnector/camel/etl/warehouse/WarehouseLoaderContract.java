package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse semantics every dialect must honour, run against a real database by each subclass. */
abstract class WarehouseLoaderContract {

    static final String TRICKY = "\uFEFFid,name,note,active,created_at,amount\n"
            + "11111111-1111-1111-1111-111111111111,\"Smith, \"\"Jo\"\"\",\"line1\nline2\",t,2024-01-02 03:04:05.678 UTC,12.50\n"
            + "22222222-2222-2222-2222-222222222222,Zoë Müller 日本,,f,2024-01-02 03:04:05,\n"
            + "33333333-3333-3333-3333-333333333333,\"\",\"a\r\nb\",true,2024-01-02T03:04:05Z,-3\n";

    static final TableSchema TYPES = TableSchema.of("admin_things", Map.of("id", "string: UUID", "name", "string",
            "note", "string", "active", "boolean", "created_at", "timestamp: SQL", "amount", "number"));

    @TempDir
    Path dir;

    WarehouseLoader loader;
    String schema;

    abstract DataSource dataSource();

    abstract Dialect dialect();

    @BeforeEach
    void createLoader() throws SQLException {
        schema = "wh_" + Long.toHexString(System.nanoTime());
        loader = new WarehouseLoader(dataSource(), dialect(), WarehouseSettings.defaults(schema));
        loader.initialize();
    }

    LoadRequest request(String job, Instant completed, String file, String csv, TableSchema types) throws IOException {
        Path p = dir.resolve(job + "-" + file);
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return new LoadRequest(job, "req-1", completed, file, p, Files.size(p), types);
    }

    @Test
    void loadsTrickyCsvCellByCellWithSchemaTypes() throws Exception {
        LoadResult r = loader.load(request("job-1", Instant.parse("2025-01-01T00:00:00Z"), "admin_things.csv", TRICKY,
                TYPES));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(3);

        List<Map<String, Object>> rows = rows("admin_things", "id");
        assertThat(rows).hasSize(3);
        Map<String, Object> a = rows.get(0);
        assertThat(a.get("id")).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(a.get("name")).isEqualTo("Smith, \"Jo\"");
        assertThat(a.get("note")).isEqualTo("line1\nline2");
        assertThat(a.get("active")).isEqualTo(true);
        assertThat(a.get("created_at")).isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05.678"));
        assertThat((BigDecimal) a.get("amount")).isEqualByComparingTo("12.50");
        Map<String, Object> b = rows.get(1);
        assertThat(b.get("name")).isEqualTo("Zoë Müller 日本");
        assertThat(b.get("note")).isNull();
        assertThat(b.get("active")).isEqualTo(false);
        assertThat(b.get("created_at")).isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05"));
        assertThat(b.get("amount")).isNull();
        Map<String, Object> c = rows.get(2);
        assertThat(c.get("name")).isEqualTo("");
        assertThat(c.get("note")).isEqualTo("a\r\nb");
        assertThat(c.get("active")).isEqualTo(true);
        assertThat(c.get("created_at")).isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05"));
        assertThat((BigDecimal) c.get("amount")).isEqualByComparingTo("-3");

        Map<String, String> types = columnTypes("admin_things");
        assertThat(types.keySet()).containsExactly("id", "name", "note", "active", "created_at", "amount");
        assertTyped(types);
    }

    /** Checks the SQL types the dialect gave the typed columns. */
    abstract void assertTyped(Map<String, String> columnTypeNames);

    @Test
    void driftAddsColumnsAndKeepsMissingOnes() throws Exception {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-1", t1, "admin_things.csv", "id,name,old\n"
                + "11111111-1111-1111-1111-111111111111,first,o1\n", null)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        LoadResult second = loader.load(request("job-2", t1.plusSeconds(3600), "admin_things.csv",
                "id,name,extra\n22222222-2222-2222-2222-222222222222,second,x2\n"
                + "33333333-3333-3333-3333-333333333333,third,\n", null));
        assertThat(second.status()).as(second.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(columnTypes("admin_things").keySet()).containsExactly("id", "name", "old", "extra");
        List<Map<String, Object>> rows = rows("admin_things", "id");
        assertThat(rows).extracting(m -> m.get("name")).containsExactly("second", "third");
        assertThat(rows).extracting(m -> m.get("old")).containsExactly(null, null);
        assertThat(rows).extracting(m -> m.get("extra")).containsExactly("x2", null);
    }

    @Test
    void aMalformedRowFailsTheTableKeepsThePreviousSnapshotAndRecordsWhy() throws Exception {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-1", t1, "admin_things.csv", TRICKY, TYPES)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        String bad = "id,name,note,active,created_at,amount\n"
                + "44444444-4444-4444-4444-444444444444,ok,,t,2024-01-01 00:00:00,1\n"
                + "55555555-5555-5555-5555-555555555555,bad,,f,2024-01-01 00:00:00,1,surplus\n";
        LoadResult r = loader.load(request("job-2", t1.plusSeconds(60), "admin_things.csv", bad, TYPES));
        assertThat(r.status()).isEqualTo(LoadResult.Status.FAILED);
        assertThat(r.error()).contains("admin_things.csv").contains("line 3");
        assertThat(rows("admin_things", "id")).hasSize(3);
        assertThat(history("job-2")).containsEntry("status", "failed");
        assertThat((String) history("job-2").get("error")).contains("line 3");
        assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
    }

    @Test
    void aValueThatDoesNotFitItsDeclaredTypeWidensTheColumnAndTheTableLoads() throws Exception {
        String csv = "id,name,note,active,created_at,amount\n"
                + "44444444-4444-4444-4444-444444444444,ok,,t,2024-01-01 00:00:00,1\n"
                + "55555555-5555-5555-5555-555555555555,odd,,maybe,2024-01-01 00:00:00,2\n";
        LoadResult r = loader.load(request("job-1", Instant.parse("2025-01-01T00:00:00Z"), "admin_things.csv", csv,
                TYPES));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.warnings()).singleElement().asString().contains("admin_things").contains("active")
                .contains("'boolean'").contains("'maybe'").contains("line 3").contains("text");
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("active")).containsExactly("t", "maybe");
        assertThat(ColumnType.fromJdbcName(columnTypes("admin_things").get("active"))).isEqualTo(ColumnType.TEXT);
        assertThat((String) history("job-1").get("warnings")).contains("active").contains("maybe");
        assertThat(tables()).noneMatch(t -> t.startsWith(WarehouseLoader.STAGE_PREFIX));
    }

    @Test
    void aTypeChangedBetweenTwoJobsWidensTheColumnWhichStaysWidened() throws Exception {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        TableSchema asNumber = TableSchema.of("cost_budgets", Map.of("id", "string: UUID", "area", "number"));
        TableSchema asString = TableSchema.of("cost_budgets", Map.of("id", "string: UUID", "area", "string"));
        assertThat(loader.load(request("job-a", t1, "cost_budgets.csv",
                "id,area\n11111111-1111-1111-1111-111111111111,10\n", asNumber)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        assertThat(ColumnType.fromJdbcName(columnTypes("cost_budgets").get("area"))).isEqualTo(ColumnType.NUMBER);

        LoadResult b = loader.load(request("job-b", t1.plusSeconds(60), "cost_budgets.csv",
                "id,area\n11111111-1111-1111-1111-111111111111,10 m2\n", asString));
        assertThat(b.status()).as(b.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(b.warnings()).singleElement().asString().contains("area").contains("'10 m2'");
        assertThat(rows("cost_budgets", "id")).extracting(m -> m.get("area")).containsExactly("10 m2");

        LoadResult c = loader.load(request("job-c", t1.plusSeconds(120), "cost_budgets.csv",
                "id,area\n11111111-1111-1111-1111-111111111111,12\n", asNumber));
        assertThat(c.status()).as(c.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(c.warnings()).isEmpty();
        assertThat(ColumnType.fromJdbcName(columnTypes("cost_budgets").get("area"))).isEqualTo(ColumnType.TEXT);
        assertThat(rows("cost_budgets", "id")).extracting(m -> m.get("area")).containsExactly("12");
    }

    @Test
    void numbersStayExactIntegralIdsStayIntegral() throws Exception {
        TableSchema schemaDoc = TableSchema.of("checklists_checklists", Map.of("id", "number", "amount", "number"));
        LoadResult r = loader.load(request("job-1", Instant.now(), "checklists_checklists.csv",
                "id,amount\n37499,1000.0000\n37500,0.1234\n", schemaDoc));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        List<Map<String, Object>> rows = rows("checklists_checklists", "id");
        assertThat((BigDecimal) rows.get(0).get("id")).isEqualByComparingTo("37499");
        assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("1000.0000");
        assertThat((BigDecimal) rows.get(1).get("amount")).isEqualByComparingTo("0.1234");
        assertExactNumbers(rawText("checklists_checklists", "id", "37499"),
                rawText("checklists_checklists", "amount", "1000.0000"));
    }

    /** @param id the integral id as the database prints it; @param amount {@code 1000.0000} as printed */
    abstract void assertExactNumbers(String id, String amount);

    @Test
    void typesComeFromTheExtractsGroupSchemaDocument() throws Exception {
        io.dataconnector.camel.etl.extract.SchemaDocs docs = new io.dataconnector.camel.etl.extract.SchemaDocs();
        docs.read("schemas/admin.json", new java.io.ByteArrayInputStream(("{\"users\":{\"id\":{\"ordinal_position\":1,"
                + "\"data_type\":\"string: UUID\"},\"created_at\":{\"ordinal_position\":2,"
                + "\"data_type\":\"timestamp: SQL\"}}}").getBytes(StandardCharsets.UTF_8)));
        TableSchema users = docs.forTable("admin_users").orElseThrow();
        LoadResult r = loader.load(request("job-1", Instant.now(), "admin_users.csv",
                "\uFEFFid,created_at\n6a1b7c2e-1111-4222-8333-944455556666,2024-03-01 12:34:56.789\n", users));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        Map<String, String> types = columnTypes("admin_users");
        assertThat(ColumnType.fromJdbcName(types.get("id"))).isEqualTo(uuidType());
        assertThat(ColumnType.fromJdbcName(types.get("created_at"))).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(rows("admin_users", "id").get(0).get("created_at"))
                .isEqualTo(LocalDateTime.parse("2024-03-01T12:34:56.789"));
    }

    /** @return how the dialect stores a UUID column */
    ColumnType uuidType() {
        return ColumnType.UUID;
    }

    @Test
    void withoutASchemaTypesAreInferredConservatively() throws Exception {
        LoadResult r = loader.load(request("job-1", Instant.now(), "admin_things.csv",
                "id,code,count,flag,at,label\n"
                + "11111111-1111-1111-1111-111111111111,007,3,t,2018-03-23 18:58:59 UTC,x\n"
                + "22222222-2222-2222-2222-222222222222,010,,f,2018-10-20 15:45:47.54+00,\"\"\n", null));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        Map<String, String> types = columnTypes("admin_things");
        assertThat(ColumnType.fromJdbcName(types.get("id"))).isEqualTo(uuidType());
        assertThat(ColumnType.fromJdbcName(types.get("code"))).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.fromJdbcName(types.get("count"))).isEqualTo(ColumnType.NUMBER);
        assertThat(ColumnType.fromJdbcName(types.get("flag"))).isEqualTo(ColumnType.BOOLEAN);
        assertThat(ColumnType.fromJdbcName(types.get("at"))).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("at")).containsExactly(
                LocalDateTime.parse("2018-03-23T18:58:59"), LocalDateTime.parse("2018-10-20T15:45:47.540"));
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("code")).containsExactly("007", "010");
    }

    @Test
    void activityWindowsAreMergedNeverReplaced() throws Exception {
        String header = "project_id,user_id,action,created_at\n";
        String a = header + "p1,U1,file.uploaded,2026-11-27 09:00:00 UTC\np1,U2,file.viewed,2026-11-27 10:00:00 UTC\n";
        String b = header + "p1,U1,file.deleted,2026-11-28 08:00:00 UTC\n";
        TableSchema doc = TableSchema.of("activities_docs_activities", Map.of("project_id", "string", "user_id",
                "string", "action", "string", "created_at", "timestamp: SQL"));
        Instant t = Instant.parse("2026-11-28T06:00:00Z");
        LoadResult ra = loader.load(request("job-a", t, "activities_docs_activities.csv", a, doc));
        assertThat(ra.status()).as(ra.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(ra.mode()).isEqualTo(LoadMode.WINDOW);
        assertThat(ra.windowStart()).isEqualTo(LocalDateTime.parse("2026-11-27T09:00:00"));
        assertThat(ra.windowEnd()).isEqualTo(LocalDateTime.parse("2026-11-27T10:00:00"));
        LoadResult rb = loader.load(request("job-b", t.plusSeconds(86_400), "activities_docs_activities.csv", b, doc));
        assertThat(rb.status()).as(rb.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("activities_docs_activities", "created_at")).extracting(m -> m.get("action"))
                .containsExactly("file.uploaded", "file.viewed", "file.deleted");

        assertThat(loader.load(request("job-b", t.plusSeconds(86_400), "activities_docs_activities.csv", b, doc))
                .status()).isEqualTo(LoadResult.Status.ALREADY_LOADED);
        // the same window delivered again by another job (Autodesk: expect duplicates) adds nothing
        assertThat(loader.load(request("job-b2", t.plusSeconds(90_000), "activities_docs_activities.csv", b, doc))
                .status()).isEqualTo(LoadResult.Status.LOADED);
        // an older window arriving late is still merged (no 'superseded' for windows)
        assertThat(loader.load(request("job-0", t.minusSeconds(86_400), "activities_docs_activities.csv",
                header + "p1,U3,file.viewed,2026-11-26 10:00:00 UTC\n", doc)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("activities_docs_activities", "created_at")).hasSize(4);
        assertThat(history("job-a")).containsEntry("mode", "window");
        assertThat(history("job-a").get("window_start")).isNotNull();
    }

    @Test
    void deltaTablesUpsertByKeyAndApplyDeletes() throws Exception {
        TableSchema doc = TableSchema.documented("cdccost_budgets", List.of(
                new TableSchema.Column("id", "string: UUID", ColumnType.UUID, "", "Budget id"),
                new TableSchema.Column("name", "string", ColumnType.TEXT, "", ""),
                new TableSchema.Column("deleted_at", "timestamp: SQL", ColumnType.TIMESTAMP, "", "when deleted"),
                new TableSchema.Column("adsk_row_id", "string", ColumnType.TEXT, "",
                        "Unique row identifier to be used in CDC operations")));
        String h = "id,name,deleted_at,adsk_row_id\n";
        Instant t = Instant.parse("2026-11-28T06:00:00Z");
        assertThat(loader.load(request("job-a", t, "cdccost_budgets.csv", h
                + "11111111-1111-1111-1111-111111111111,first,,r1\n"
                + "22222222-2222-2222-2222-222222222222,second,,r2\n", doc)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        LoadResult b = loader.load(request("job-b", t.plusSeconds(3600), "cdccost_budgets.csv", h
                + "11111111-1111-1111-1111-111111111111,first renamed,,r1\n"
                + "22222222-2222-2222-2222-222222222222,second,2026-11-28 07:00:00,r2\n"
                + "33333333-3333-3333-3333-333333333333,third,,r3\n", doc));
        assertThat(b.status()).as(b.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("cdccost_budgets", "adsk_row_id")).extracting(m -> m.get("name"))
                .containsExactly("first renamed", "third");
    }

    /**
     * A window table's first load: de-duplicated by its key and a delta table's deletes applied, whether the staging
     * table becomes the live table (no duplicate, nothing deleted) or is merged into a new one.
     */
    @Test
    void aWindowTablesFirstLoadIsDeduplicatedByKeyAndAppliesDeletes() throws Exception {
        TableSchema doc = TableSchema.documented("cdccost_budgets", List.of(
                new TableSchema.Column("id", "string: UUID", ColumnType.UUID, "", "Budget id"),
                new TableSchema.Column("name", "string", ColumnType.TEXT, "", ""),
                new TableSchema.Column("deleted_at", "timestamp: SQL", ColumnType.TIMESTAMP, "", "when deleted"),
                new TableSchema.Column("created_at", "timestamp: SQL", ColumnType.TIMESTAMP, "", "")));
        String h = "id,name,deleted_at,created_at\n";
        Instant t = Instant.parse("2026-11-28T06:00:00Z");
        LoadResult unique = loader.load(request("job-a", t, "cdccost_budgets.csv", h
                + "11111111-1111-1111-1111-111111111111,first,,2026-11-27 09:00:00\n"
                + "22222222-2222-2222-2222-222222222222,second,,2026-11-27 11:00:00 UTC\n"
                + "33333333-3333-3333-3333-333333333333,deleted,2026-11-27 10:00:00,2026-11-27 10:00:00\n", doc));
        assertThat(unique.status()).as(unique.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(unique.rows()).isEqualTo(3);
        assertThat(unique.windowStart()).isEqualTo(LocalDateTime.parse("2026-11-27T09:00:00"));
        assertThat(unique.windowEnd()).isEqualTo(LocalDateTime.parse("2026-11-27T11:00:00"));
        assertThat(rows("cdccost_budgets", "name")).extracting(m -> m.get("name")).containsExactly("first", "second");

        LoadResult duplicates = loader.load(request("job-b", t, "cdccost_changes.csv", h
                + "11111111-1111-1111-1111-111111111111,first,,2026-11-27 09:00:00\n"
                + "11111111-1111-1111-1111-111111111111,first,,2026-11-27 09:00:00\n"
                + "22222222-2222-2222-2222-222222222222,gone,2026-11-27 12:00:00,2026-11-27 10:00:00\n"
                + "33333333-3333-3333-3333-333333333333,third,,2026-11-27 10:30:00\n", doc));
        assertThat(duplicates.status()).as(duplicates.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("cdccost_changes", "name")).extracting(m -> m.get("name")).containsExactly("first", "third");

        // no key: equal rows are one row
        TableSchema keyless = TableSchema.of("activities_docs_activities", Map.of("project_id", "string", "action",
                "string", "created_at", "timestamp: SQL"));
        String k = "project_id,action,created_at\n";
        LoadResult whole = loader.load(request("job-c", t, "activities_docs_activities.csv", k
                + "p1,viewed,2026-11-27 09:00:00\np1,viewed,2026-11-27 09:00:00\np1,edited,2026-11-27 09:00:00\n",
                keyless));
        assertThat(whole.status()).as(whole.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("activities_docs_activities", "action")).extracting(m -> m.get("action"))
                .containsExactly("edited", "viewed");
        LoadResult distinct = loader.load(request("job-d", t, "activities_rfis_activities.csv", k
                + "p1,viewed,2026-11-27 09:00:00\np2,viewed,2026-11-27 09:00:00\n", keyless));
        assertThat(distinct.status()).as(distinct.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("activities_rfis_activities", "project_id")).extracting(m -> m.get("project_id"))
                .containsExactly("p1", "p2");
        assertThat(tables()).noneMatch(n -> n.startsWith(WarehouseLoader.STAGE_PREFIX));
    }

    @Test
    void aFirstWindowWithUniqueKeysBecomesTheTableOneWithRepeatedKeysIsMergedToOneRowPerKey() throws Exception {
        TableSchema doc = TableSchema.documented("cdccost_budgets", List.of(
                new TableSchema.Column("name", "string", ColumnType.TEXT, "", ""),
                new TableSchema.Column("deleted_at", "timestamp: SQL", ColumnType.TIMESTAMP, "", "when deleted"),
                new TableSchema.Column("created_at", "timestamp: SQL", ColumnType.TIMESTAMP, "", ""),
                new TableSchema.Column("adsk_row_id", "string", ColumnType.TEXT, "",
                        "Unique row identifier to be used in CDC operations")));
        String h = "name,deleted_at,created_at,adsk_row_id\n";
        Instant t = Instant.parse("2026-11-28T06:00:00Z");
        // unique keys: renamed into place; the deleted row is not kept
        LoadResult a = loader.load(request("job-a", t, "cdccost_budgets.csv", h
                + "one,,2026-11-27 01:00:00,r1\n"
                + "gone,2026-11-27 03:00:00,2026-11-27 02:00:00,r2\n"
                + "three,,2026-11-27 05:00:00,r3\n", doc));
        assertThat(a.status()).as(a.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(a.windowStart()).isEqualTo(LocalDateTime.parse("2026-11-27T01:00:00"));
        assertThat(a.windowEnd()).isEqualTo(LocalDateTime.parse("2026-11-27T05:00:00"));
        assertThat(rows("cdccost_budgets", "adsk_row_id")).extracting(m -> m.get("name")).containsExactly("one",
                "three");
        assertThat(tables()).noneMatch(n -> n.startsWith(WarehouseLoader.STAGE_PREFIX));
        // a later window with a repeated key and a NULL key: one row per key, whatever the path
        LoadResult b = loader.load(request("job-b", t.plusSeconds(3600), "cdccost_budgets.csv", h
                + "one again,,2026-11-28 01:00:00,r1\n"
                + "one again,,2026-11-28 01:00:00,r1\n"
                + "four,,2026-11-28 02:00:00,r4\n"
                + "no key,,2026-11-28 03:00:00,\n", doc));
        assertThat(b.status()).as(b.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("cdccost_budgets", "adsk_row_id")).extracting(m -> m.get("name"))
                .containsExactlyInAnyOrder("one again", "three", "four", "no key");
        // a first window with a repeated key (another table): merged, one row per key
        LoadResult c = loader.load(request("job-b", t.plusSeconds(3600), "cdcrfis_rfis.csv", h
                + "x,,2026-11-28 01:00:00,k1\n" + "x,,2026-11-28 01:00:00,k1\n" + "y,,2026-11-28 02:00:00,k2\n",
                TableSchema.documented("cdcrfis_rfis", doc.columns())));
        assertThat(c.status()).as(c.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("cdcrfis_rfis", "adsk_row_id")).extracting(m -> m.get("adsk_row_id"))
                .containsExactly("k1", "k2");
    }

    String rawText(String table, String column, String like) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(" + Identifiers.quote(column) + " AS VARCHAR(100)) FROM "
                                           + Identifiers.qualified(schema, table) + " WHERE CAST("
                                           + Identifiers.quote(column) + " AS VARCHAR(100)) LIKE '" + like + "%'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void eachJobFileLoadsExactlyOnceAndOlderJobsNeverOverwriteNewerSnapshots() throws Exception {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        LoadRequest newer = request("job-new", t1.plusSeconds(3600), "admin_things.csv", TRICKY, TYPES);
        assertThat(loader.load(newer).status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loader.load(newer).status()).isEqualTo(LoadResult.Status.ALREADY_LOADED);
        LoadResult older = loader.load(request("job-old", t1, "admin_things.csv", "id\n"
                + "99999999-9999-9999-9999-999999999999\n", TYPES));
        assertThat(older.status()).isEqualTo(LoadResult.Status.SUPERSEDED);
        assertThat(rows("admin_things", "id")).hasSize(3);
        assertThat(loader.doneFiles("job-new")).containsExactly("admin_things.csv");
        assertThat(loader.doneFiles("job-old")).containsExactly("admin_things.csv");
        assertThat(history("job-new")).containsEntry("status", "success");
        assertThat(((Number) history("job-new").get("rows_loaded")).longValue()).isEqualTo(3);
    }

    @Test
    void lineageColumnsWhenEnabled() throws Exception {
        loader = new WarehouseLoader(dataSource(), dialect(),
                new WarehouseSettings(schema, "dc_load_history", true, "rename", 100));
        assertThat(loader.load(request("job-1", Instant.now(), "admin_things.csv", "id,name\n1,a\n", null)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        Map<String, Object> row = rows("admin_things", "id").get(0);
        assertThat(row.get("_dc_job_id")).isEqualTo("job-1");
        assertThat(row.get("_dc_loaded_at")).isNotNull();
    }

    @Test
    void refillSwapKeepsTheLiveTableObject() throws Exception {
        loader = new WarehouseLoader(dataSource(), dialect(),
                new WarehouseSettings(schema, "dc_load_history", false, "refill", 100));
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-1", t1, "admin_things.csv", "id,name\n1,a\n2,b\n", null)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        LoadResult r = loader.load(request("job-2", t1.plusSeconds(1), "admin_things.csv", "id,name,more\n3,c,m\n",
                null));
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(rows("admin_things", "id")).extracting(m -> m.get("more")).containsExactly("m");
    }

    @Test
    void aHistoryWithoutTheAccountColumnGainsItAndNewRowsCarryTheAccount() throws Exception {
        String old = "wh_old_" + Long.toHexString(System.nanoTime());
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            // the history as the first release created it, with a row
            String history = Identifiers.qualified(old, "dc_load_history");
            s.execute("CREATE SCHEMA " + Identifiers.quote(old));
            s.execute("CREATE TABLE " + history + " (job_id VARCHAR(64) NOT NULL, file_name VARCHAR(255) "
                      + "NOT NULL, request_id VARCHAR(64), table_name VARCHAR(64), status VARCHAR(16) NOT NULL, "
                      + "rows_loaded BIGINT, bytes BIGINT, started_at TIMESTAMP, finished_at TIMESTAMP, "
                      + "job_completed_at TIMESTAMP, attempts INTEGER NOT NULL, error VARCHAR(2000), "
                      + "PRIMARY KEY (job_id, file_name))");
            s.execute("INSERT INTO " + history + " (job_id, file_name, status, attempts) VALUES "
                      + "('job-0', 'admin_things.csv', 'success', 1)");
        }
        schema = old;
        loader = new WarehouseLoader(dataSource(), dialect(), WarehouseSettings.defaults(old).forAccount(old, "acc-1"));
        loader.initialize();

        assertThat(loader.load(request("job-1", Instant.now(), "admin_things.csv", "id,name\n1,a\n", null)).status())
                .isEqualTo(LoadResult.Status.LOADED);

        assertThat(history("job-0")).as("the earlier row, kept").containsEntry("status", "success")
                .containsEntry("account_id", null);
        assertThat(history("job-1")).containsEntry("status", "success").containsEntry("account_id", "acc-1");
    }

    // ------------------------------------------------------------------ helpers

    List<Map<String, Object>> rows(String table, String orderBy) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.qualified(schema, table) + " ORDER BY "
                                           + Identifiers.quote(orderBy))) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    m.put(md.getColumnName(i), normalize(rs, i, md));
                }
                out.add(m);
            }
        }
        return out;
    }

    Map<String, Object> history(String job) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.qualified(schema, "dc_load_history")
                                           + " WHERE job_id = '" + job + "'")) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Object> m = new LinkedHashMap<>();
            if (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    m.put(md.getColumnName(i).toLowerCase(), rs.getObject(i));
                }
            }
            return m;
        }
    }

    private static Object normalize(ResultSet rs, int i, ResultSetMetaData md) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) {
            return null;
        }
        ColumnType t = ColumnType.fromJdbc(md.getColumnType(i), md.getColumnTypeName(i));
        return switch (t) {
            case TIMESTAMP -> rs.getTimestamp(i).toLocalDateTime();
            case NUMBER -> rs.getBigDecimal(i);
            case BOOLEAN -> rs.getBoolean(i);
            default -> o.toString();
        };
    }

    Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + Identifiers.qualified(schema, table) + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                m.put(md.getColumnName(i), md.getColumnTypeName(i).toLowerCase());
            }
        }
        return m;
    }

    List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                                           + schema + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
