package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV copied while measured is the same bytes, and its profile types number fields as a scan of the file would. */
class CsvNumberProfilesTest {

    @TempDir
    Path dir;

    private static final String CSV = "\uFEFFid,amount,name,code\r\n"
                                      + "1,1000.0000,\"a, \"\"quoted\"\"\nname\",007\r\n"
                                      + "2,,plain,\"12\"\n"
                                      + "3,-12.5,\"\",x1\n";

    @Test
    void copiesByteForByteAndMeasuresEveryField() throws Exception {
        Path target = dir.resolve("t.csv");
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        CsvNumberProfiles.copyMeasured(new ByteArrayInputStream(bytes), target, "t.csv");

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        NumberScan profile = CsvNumberProfiles.take(target, 4);
        assertThat(profile).isNotNull();
        assertThat(profile.typeOf(0)).isEqualTo("BIGINT");
        assertThat(profile.typeOf(1)).isEqualTo("DECIMAL(38, 4)");
        assertThat(profile.typeOf(2)).isNull(); // text
        assertThat(profile.typeOf(3)).isNull(); // "x1"
        // taken once; another field count than the load's header is no profile
        assertThat(CsvNumberProfiles.take(target, 4)).isNull();
        CsvNumberProfiles.copyMeasured(new ByteArrayInputStream(bytes), target, "t.csv");
        assertThat(CsvNumberProfiles.take(target, 5)).isNull();
    }

    @Test
    void aCsvTheParserRefusesIsCopiedWithoutAProfile() throws Exception {
        Path target = dir.resolve("bad.csv");
        byte[] bytes = "a,b\n1,2\n3,\"unterminated\n4,5\n".getBytes(StandardCharsets.UTF_8);
        CsvNumberProfiles.copyMeasured(new ByteArrayInputStream(bytes), target, "bad.csv");

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
        assertThat(CsvNumberProfiles.take(target, 2)).isNull();
    }

    @Test
    void aFailingSourceFailsTheCopy() {
        Path target = dir.resolve("broken.csv");
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 10) {
                    return 'a';
                }
                throw new IOException("CRC-32 mismatch in ZIP entry broken.csv");
            }
        };
        assertThatThrownBy(() -> CsvNumberProfiles.copyMeasured(failing, target, "broken.csv"))
                .isInstanceOf(IOException.class).hasMessageContaining("CRC-32 mismatch");
        assertThat(CsvNumberProfiles.take(target, 1)).isNull();
    }

    @Test
    void theLoadUsesTheProfileAndGivesTheSameTypesAsItsOwnScan() throws Exception {
        Path measured = dir.resolve("measured.csv");
        Path plain = dir.resolve("plain.csv");
        byte[] bytes = CSV.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8); // as DuckDB's strict reader takes it
        CsvNumberProfiles.copyMeasured(new ByteArrayInputStream(bytes), measured, "measured.csv");
        Files.write(plain, bytes);
        TableSchema schema = TableSchema.of("t", java.util.Map.of("id", "number", "amount", "number", "code",
                "number"));
        TableLayout layout = TableLayout.of(java.util.List.of(), java.util.List.of("id", "amount", "name", "code"),
                schema, false);
        DuckDbDialect duck = new DuckDbDialect();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            duck.prepare(c);
            for (Path csv : java.util.List.of(measured, plain)) {
                String table = csv.getFileName().toString().replace(".csv", "");
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id VARCHAR, amount VARCHAR, name VARCHAR, code VARCHAR)");
                }
                assertThat(duck.loadCsvFile(c, "main", table, layout, csv, "job-1",
                        java.time.LocalDateTime.now())).isEqualTo(3);
            }
            assertThat(DuckDbNumbers.typesOf(c, "main", "measured"))
                    .isEqualTo(DuckDbNumbers.typesOf(c, "main", "plain"))
                    .containsEntry("id", "BIGINT").containsEntry("amount", "DECIMAL(38,4)")
                    .containsEntry("code", "VARCHAR");
        }
        assertThat(CsvNumberProfiles.take(measured, 4)).as("taken by the load").isNull();
    }
}
