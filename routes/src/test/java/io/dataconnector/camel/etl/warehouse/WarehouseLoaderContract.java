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
    void badRowFailsTheTableKeepsThePreviousSnapshotAndRecordsWhy() throws Exception {
        Instant t1 = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(loader.load(request("job-1", t1, "admin_things.csv", TRICKY, TYPES)).status())
                .isEqualTo(LoadResult.Status.LOADED);
        String bad = "id,name,note,active,created_at,amount\n"
                + "44444444-4444-4444-4444-444444444444,ok,,t,2024-01-01 00:00:00,1\n"
                + "55555555-5555-5555-5555-555555555555,bad,,maybe,2024-01-01 00:00:00,1\n";
        LoadResult r = loader.load(request("job-2", t1.plusSeconds(60), "admin_things.csv", bad, TYPES));
        assertThat(r.status()).isEqualTo(LoadResult.Status.FAILED);
        assertThat(r.error()).contains("admin_things.csv line 3").contains("active").contains("maybe");
        assertThat(rows("admin_things", "id")).hasSize(3);
        assertThat(history("job-2")).containsEntry("status", "failed");
        assertThat((String) history("job-2").get("error")).contains("line 3");
        assertThat(tables()).doesNotContain(WarehouseLoader.stageName("admin_things"));
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
