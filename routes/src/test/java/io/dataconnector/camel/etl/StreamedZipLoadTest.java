package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.PostgresDialect;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import io.dataconnector.camel.simulator.ExtractGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed ZIP path into PostgreSQL (no temp file per entry): a CSV entry read straight from the archive is
 * CRC-32-checked and counted against the size limit before its staging table commits, so a corrupt or oversized
 * entry never replaces the previous snapshot.
 */
class StreamedZipLoadTest {

    static EmbeddedPostgres pg;

    @TempDir
    Path dir;

    WarehouseLoader loader;
    String schema;

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

    @BeforeEach
    void createLoader() throws Exception {
        schema = "wh_" + Long.toHexString(System.nanoTime());
        loader = new WarehouseLoader(pg.getPostgresDatabase(), new PostgresDialect(), WarehouseSettings.defaults(schema));
        loader.initialize();
    }

    static String csv(int rows, String prefix) {
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(prefix).append(i).append('\n');
        }
        return sb.toString();
    }

    static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Loads the one entry of a ZIP the way the unzip route does on PostgreSQL: streamed, no temp file. */
    LoadResult loadStreamed(String job, byte[] zipBytes, long maxUncompressed, List<IOException> failures)
            throws Exception {
        Path zip = dir.resolve(job + ".zip");
        Files.write(zip, zipBytes);
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DefaultExchange exchange = new DefaultExchange(ctx);
            exchange.getMessage().setBody(zip);
            Iterator<Message> it = new ZipEntries(maxUncompressed).iterate(exchange);
            Message m = it.next();
            ZipEntries.EntryStream entry = m.getBody(ZipEntries.EntryStream.class);
            LoadRequest request = new LoadRequest(job, "req-1", Instant.now(), entry.name(), null,
                    entry.claimedSize(), TableSchema.untyped(), entry.asLoadSource());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(job + ".zip");
            }
            LoadResult r = loader.load(request);
            try {
                entry.drainAndClose();
            } catch (IOException e) {
                failures.add(e);
            }
            ZipEntries.close(exchange);
            Files.delete(zip);
            return r;
        }
    }

    long rows(String table) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> tables() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                                           + schema + "' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aCsvEntryIsStreamedIntoCopyWithoutATempFile() throws Exception {
        List<IOException> failures = new ArrayList<>();
        LoadResult r = loadStreamed("job-1", zip("admin_things.csv", csv(50_000, "a")), Long.MAX_VALUE, failures);
        assertThat(r.status()).as(r.error()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(50_000);
        assertThat(rows("admin_things")).isEqualTo(50_000);
        assertThat(failures).isEmpty();
    }

    @Test
    void aCrcMismatchFailsTheTableBeforeItsSnapshotIsReplaced() throws Exception {
        List<IOException> failures = new ArrayList<>();
        assertThat(loadStreamed("job-1", zip("admin_things.csv", csv(1_000, "a")), Long.MAX_VALUE, failures).status())
                .isEqualTo(LoadResult.Status.LOADED);

        byte[] corrupt = ExtractGenerator.corruptFirstCrc(zip("admin_things.csv", csv(3_000, "b")));
        LoadResult r = loadStreamed("job-2", corrupt, Long.MAX_VALUE, failures);
        assertThat(r.status()).isEqualTo(LoadResult.Status.FAILED);
        assertThat(r.error()).contains("CRC-32 mismatch in ZIP entry admin_things.csv");
        assertThat(failures).singleElement().extracting(Throwable::getMessage).asString().contains("CRC-32");
        assertThat(rows("admin_things")).as("previous snapshot kept").isEqualTo(1_000);
        assertThat(tables()).containsExactlyInAnyOrder("admin_things", "dc_load_history");
    }

    @Test
    void theSizeLimitIsCountedOnTheStreamedEntry() throws Exception {
        List<IOException> failures = new ArrayList<>();
        LoadResult r = loadStreamed("job-1", zip("admin_things.csv", csv(100_000, "a")), 100_000, failures);
        assertThat(r.status()).isEqualTo(LoadResult.Status.FAILED);
        assertThat(r.error()).contains("etl.max-uncompressed-bytes", "admin_things.csv");
        assertThat(failures).singleElement().extracting(Throwable::getMessage).asString()
                .contains("etl.max-uncompressed-bytes");
        assertThat(tables()).containsExactly("dc_load_history");
    }
}
