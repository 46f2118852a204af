package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's own CSV reader path ({@link DuckDbCsvReader}): taken for a file in the real extracts' shapes with the row
 * path's meaning of every value, refused (nothing loaded, nothing altered) for a value the row path would not take.
 */
class DuckDbCsvFastPathTest {

    @TempDir
    Path dir;

    private static final TableSchema TYPES = TableSchema.of("t", Map.of("id", "string: UUID", "name", "string",
            "active", "boolean", "created_at", "timestamp: SQL", "amount", "number", "day", "date: string"));

    private static final List<String> HEADER = List.of("id", "name", "active", "created_at", "amount", "day");

    /** The real extracts' shapes: BOM, "" and empty in typed columns, t/f/0/1, ` UTC`, `+00` and other offsets. */
    private static final String REAL_SHAPES = "\uFEFFid,name,active,created_at,amount,day\n"
            + "11111111-1111-1111-1111-111111111111,\"Smith, \"\"Jo\"\"\",t,2024-01-02 03:04:05.678 UTC,12.50,"
            + "2024-03-01\n"
            + "22222222-2222-2222-2222-222222222222,\"\",f,2024-01-02T05:04:05+02:00,\"\",\"\"\n"
            + "33333333-3333-3333-3333-333333333333,,1,2018-10-20 15:45:47.54+00,-3,\n"
            + "\"\",\"line1\r\nline2\",0,\"\",1000.0000,2024-02-29\n"
            + ",x,\"\",2024-01-02 03:04:05-05,,\n";

    @Test
    void loadsTheRealShapesWithTheRowPathsMeaningAndTypesNumbersInTheSamePass() throws Exception {
        Path csv = write(REAL_SHAPES);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            DuckDbDialect d = new DuckDbDialect();
            d.prepare(c);
            TableLayout layout = TableLayout.of(List.of(), HEADER, TYPES, true);
            createStage(c, d, layout, "t");
            LocalDateTime loadedAt = LocalDateTime.parse("2025-01-01T00:00:00");
            assertThat(d.loadCsvFile(c, "main", "t", layout, csv, "job-1", loadedAt)).isEqualTo(5);

            assertThat(DuckDbNumbers.typesOf(c, "main", "t")).containsEntry("amount", "DECIMAL(38,4)");
            assertThat(d.finishStage(c, "main", "t", layout, "t")).isEmpty();
            assertThat(dump(c, "t")).containsExactly(
                    "11111111-1111-1111-1111-111111111111|Smith, \"Jo\"|true|2024-01-02T03:04:05.678|12.5000"
                    + "|2024-03-01|job-1|2025-01-01T00:00",
                    "22222222-2222-2222-2222-222222222222||false|2024-01-02T03:04:05|null|null|job-1"
                    + "|2025-01-01T00:00",
                    "33333333-3333-3333-3333-333333333333|null|true|2018-10-20T15:45:47.540|-3.0000|null|job-1"
                    + "|2025-01-01T00:00",
                    "null|line1\r\nline2|false|null|1000.0000|2024-02-29|job-1|2025-01-01T00:00",
                    "null|x|null|2024-01-02T08:04:05|null|null|job-1|2025-01-01T00:00");
        }
    }

    @Test
    void theReaderAndTheRowPathLoadTheSameRows() throws Exception {
        Path csv = write(REAL_SHAPES);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbDialect d = new DuckDbDialect();
            d.prepare(c);
            TableLayout layout = TableLayout.of(List.of(), HEADER, TYPES, false);
            createStage(c, d, layout, "fast");
            assertThat(d.loadCsvFile(c, "main", "fast", layout, csv, "job-1", LocalDateTime.now())).isEqualTo(5);
            d.finishStage(c, "main", "fast", layout, "fast");

            createStage(c, d, layout, "slow");
            try (CsvTable table = CsvTable.open(csv, "t.csv")) {
                RowSink sink = d.openSink(c, "main", "slow", layout.columns());
                for (CsvTable.Row row : table) {
                    sink.append(layout.convert(row.fields(), "job-1", LocalDateTime.now()));
                }
                sink.finish();
            }
            d.finishStage(c, "main", "slow", layout, "slow");

            assertThat(DuckDbNumbers.typesOf(c, "main", "fast")).isEqualTo(DuckDbNumbers.typesOf(c, "main", "slow"));
            assertThat(dump(c, "fast")).isEqualTo(dump(c, "slow"));
        }
    }

    @Test
    void aNumberColumnWithAValueThatIsNotADecimalStaysTextAndIsReported() throws Exception {
        Path csv = write("id,amount\n11111111-1111-1111-1111-111111111111,12\n"
                         + "22222222-2222-2222-2222-222222222222,n/a\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbDialect d = new DuckDbDialect();
            d.prepare(c);
            TableLayout layout = TableLayout.of(List.of(), List.of("id", "amount"), TYPES, false);
            createStage(c, d, layout, "t");
            assertThat(d.loadCsvFile(c, "main", "t", layout, csv, "job-1", LocalDateTime.now())).isEqualTo(2);
            assertThat(d.finishStage(c, "main", "t", layout, "t")).singleElement().asString()
                    .contains("amount").contains("'n/a'").contains("data row 2").contains("text");
            assertThat(DuckDbNumbers.typesOf(c, "main", "t")).containsEntry("amount", "VARCHAR");
            assertThat(dump(c, "t")).containsExactly("11111111-1111-1111-1111-111111111111|12",
                    "22222222-2222-2222-2222-222222222222|n/a");
        }
    }

    @Test
    void valuesTheRowPathRefusesAreRefusedLeavingTheStageEmptyAndUnaltered() throws Exception {
        String head = "id,name,active,created_at,amount,day\n";
        String good = "11111111-1111-1111-1111-111111111111,a,t,2024-01-02 03:04:05,1.5,2024-01-01\n";
        List<String> refused = List.of(
                "11111111-1111-1111-1111-111111111111,a,maybe,2024-01-02 03:04:05,1,\n", // not a boolean
                "11111111111111111111111111111111,a,t,2024-01-02 03:04:05,1,\n", // a UUID without hyphens
                "11111111-1111-1111-1111-111111111111,a,t,2024-1-2 03:04:05,1,\n", // not yyyy-MM-dd
                "11111111-1111-1111-1111-111111111111,a,t,2024-01-02 03:04:05 Europe/Paris,1,\n", // a zone name
                "11111111-1111-1111-1111-111111111111,a,t,2024-01-02 03:04:05,1,2024-01-01 10:00:00\n", // time of day
                "11111111-1111-1111-1111-111111111111,a,t,2024-01-02 03:04:05,1\n"); // a field missing
        for (String bad : refused) {
            Path csv = write(head + good + bad + good);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                DuckDbDialect d = new DuckDbDialect();
                d.prepare(c);
                TableLayout layout = TableLayout.of(List.of(), HEADER, TYPES, false);
                createStage(c, d, layout, "t");
                assertThatThrownBy(() -> d.loadCsvFile(c, "main", "t", layout, csv, "job-1", LocalDateTime.now()))
                        .as(bad).isInstanceOf(Dialect.BulkLoadRefused.class);
                assertThat(dump(c, "t")).as(bad).isEmpty();
                assertThat(DuckDbNumbers.typesOf(c, "main", "t")).as(bad).containsEntry("amount", "VARCHAR");
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void theLoaderFallsBackToTheRowPathWhichWidensAndLoadsTheSameRowsAsFromAStream() throws Exception {
        String csv = "\uFEFFid,name,active,created_at,amount,day\n"
                     + "11111111-1111-1111-1111-111111111111,a,t,2024-01-02 03:04:05 UTC,1.5,\"\"\n"
                     + "22222222-2222-2222-2222-222222222222,\"\",maybe,2024-01-02 03:04:05+00,,2024-01-01\n"
                     + "33333333-3333-3333-3333-333333333333,,f,\"\",7,\n";
        Path file = write(csv);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig();
        cfg.setJdbcUrl("jdbc:duckdb:" + dir.resolve("wh.duckdb"));
        cfg.setMaximumPoolSize(1);
        try (com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(cfg)) {
            WarehouseLoader fromFile = new WarehouseLoader(ds, new DuckDbDialect(), WarehouseSettings.defaults("f"));
            fromFile.initialize();
            WarehouseLoader fromStream = new WarehouseLoader(ds, new DuckDbDialect(), WarehouseSettings.defaults("s"));
            fromStream.initialize();
            Instant done = Instant.parse("2025-01-01T00:00:00Z");
            LoadResult a = fromFile.load(new LoadRequest("job-1", "r", done, "admin_t.csv", file, bytes.length,
                    TYPES));
            LoadResult b = fromStream.load(new LoadRequest("job-1", "r", done, "admin_t.csv", null, bytes.length,
                    TYPES, new LoadRequest.Source() {
                        @Override
                        public InputStream open() {
                            return new ByteArrayInputStream(bytes);
                        }

                        @Override
                        public InputStream reopen() {
                            return new ByteArrayInputStream(bytes);
                        }

                        @Override
                        public boolean isRereadable() {
                            return true;
                        }
                    }));
            assertThat(a.status()).as(a.error()).isEqualTo(LoadResult.Status.LOADED);
            assertThat(b.status()).as(b.error()).isEqualTo(LoadResult.Status.LOADED);
            assertThat(a.warnings()).singleElement().asString().contains("active").contains("'maybe'");
            assertThat(a.warnings()).isEqualTo(b.warnings());
            try (Connection c = ds.getConnection()) {
                assertThat(DuckDbNumbers.typesOf(c, "f", "admin_t")).containsEntry("active", "VARCHAR")
                        .containsEntry("amount", "DECIMAL(38,1)").isEqualTo(DuckDbNumbers.typesOf(c, "s", "admin_t"));
                assertThat(dump(c, "f.admin_t")).hasSize(3).isEqualTo(dump(c, "s.admin_t"));
            }
        }
    }

    private static void createStage(Connection c, Dialect d, TableLayout layout, String table) throws Exception {
        StringBuilder cols = new StringBuilder();
        for (ColumnDef col : layout.columns()) {
            cols.append(cols.length() == 0 ? "" : ", ").append(Identifiers.quote(col.name())).append(' ')
                    .append(d.sqlType(col.type()));
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + cols + ")");
        }
    }

    /** Every row as {@code v1|v2|…} (Java values: LocalDateTime, BigDecimal, …), in rowid order. */
    private static List<String> dump(Connection c, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table
                                                                              + " ORDER BY rowid")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = md.getColumnTypeName(i).equals("TIMESTAMP") ? rs.getObject(i, LocalDateTime.class)
                            : rs.getObject(i);
                    sb.append(i == 1 ? "" : "|").append(v);
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    private Path write(String content) throws Exception {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
