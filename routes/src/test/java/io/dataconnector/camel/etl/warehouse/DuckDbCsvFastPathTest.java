package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's own CSV reader path: taken for a good file with the loader's meaning of values, refused for a bad one. */
class DuckDbCsvFastPathTest {

    @TempDir
    Path dir;

    private static final TableSchema TYPES = TableSchema.of("t", Map.of("id", "string: UUID", "name", "string",
            "active", "boolean", "created_at", "timestamp: SQL", "amount", "number"));

    @Test
    void loadsWithTheReaderKeepingOffsetsEmptyStringsAndNulls() throws Exception {
        Path csv = write("\uFEFFid,name,active,created_at,amount\n"
                + "11111111-1111-1111-1111-111111111111,\"Smith, \"\"Jo\"\"\",t,2024-01-02 03:04:05.678 UTC,12.50\n"
                + "22222222-2222-2222-2222-222222222222,\"\",f,2024-01-02T05:04:05+02:00,\n"
                + "33333333-3333-3333-3333-333333333333,,true,2024-01-02 03:04:05,-3\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            DuckDbDialect d = new DuckDbDialect();
            d.prepare(c);
            TableLayout layout = TableLayout.of(List.of(), List.of("id", "name", "active", "created_at", "amount"),
                    TYPES, true);
            s.execute("CREATE TABLE t (id UUID, name VARCHAR, active BOOLEAN, created_at TIMESTAMP, amount DOUBLE, "
                      + "_dc_job_id VARCHAR, _dc_loaded_at TIMESTAMP)");
            LocalDateTime loadedAt = LocalDateTime.parse("2025-01-01T00:00:00");
            assertThat(d.loadCsvFile(c, "main", "t", layout, csv, "job-1", loadedAt)).isEqualTo(3);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, name IS NULL, active, created_at, amount, _dc_job_id, "
                                               + "_dc_loaded_at FROM t ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getBoolean(2) + "|" + rs.getBoolean(3) + "|"
                             + rs.getObject(4, LocalDateTime.class) + "|" + rs.getObject(5) + "|" + rs.getString(6)
                             + "|" + rs.getObject(7, LocalDateTime.class));
                }
            }
            assertThat(rows).containsExactly(
                    "Smith, \"Jo\"|false|true|2024-01-02T03:04:05.678|12.5|job-1|2025-01-01T00:00",
                    "|false|false|2024-01-02T03:04:05|null|job-1|2025-01-01T00:00",
                    "null|true|true|2024-01-02T03:04:05|-3.0|job-1|2025-01-01T00:00");
        }
    }

    @Test
    void aBadValueLeavesTheTableEmptyForTheCheckedRowPath() throws Exception {
        Path csv = write("id,name,active,created_at,amount\n"
                + "11111111-1111-1111-1111-111111111111,a,maybe,2024-01-02 03:04:05,1\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            TableLayout layout = TableLayout.of(List.of(), List.of("id", "name", "active", "created_at", "amount"),
                    TYPES, false);
            s.execute("CREATE TABLE t (id UUID, name VARCHAR, active BOOLEAN, created_at TIMESTAMP, amount DOUBLE)");
            assertThat(new DuckDbDialect().loadCsvFile(c, "main", "t", layout, csv, "job-1", LocalDateTime.now()))
                    .isEqualTo(-1);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private Path write(String content) throws Exception {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}
