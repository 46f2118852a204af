package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.etl.warehouse.GenericJdbcDialect;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load metrics counted against real loads (H2): rows, bytes and duration per table and mode; no registry, no meters. */
class MicrometerLoadMetricsTest {

    @TempDir
    Path dir;

    private final AtomicReference<MeterRegistry> bound = new AtomicReference<>();
    private WarehouseLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:metrics" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        loader = new WarehouseLoader(ds, new GenericJdbcDialect(100), WarehouseSettings.defaults("wh"));
        loader.initialize();
        loader.setListener(new MicrometerLoadMetrics(bound::get, "etl-test"));
    }

    @Test
    void countsRowsBytesAndDurationOfEachLoadedTable() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        bound.set(registry);

        LoadRequest users = request("job-1", "admin_users.csv", 250);
        LoadRequest usersAgain = request("job-2", "admin_users.csv", 40);
        LoadRequest activities = request("job-2", "activities_admin_activities.csv", 7);
        assertThat(loader.load(users).status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loader.load(usersAgain).status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(loader.load(users).status()).isEqualTo(LoadResult.Status.ALREADY_LOADED); // not counted
        assertThat(loader.load(activities).status()).isEqualTo(LoadResult.Status.LOADED);

        assertThat(registry.get(MicrometerLoadMetrics.ROWS).tags("table", "admin_users", "mode", "snapshot",
                "camelContext", "etl-test").counter().count()).isEqualTo(290);
        assertThat(registry.get(MicrometerLoadMetrics.BYTES).tags("table", "admin_users").counter().count())
                .isEqualTo(users.bytes() + usersAgain.bytes());
        assertThat(registry.get(MicrometerLoadMetrics.ROWS).tags("table", "activities_admin_activities", "mode",
                "window").counter().count()).isEqualTo(7);
        assertThat(registry.get(MicrometerLoadMetrics.DURATION).tags("table", "admin_users").timer().count())
                .isEqualTo(2);
        assertThat(registry.get(MicrometerLoadMetrics.DURATION).tags("table", "admin_users").timer()
                .totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void withoutARegistryLoadsSucceedAndARegistryBoundLaterIsUsed() throws Exception {
        assertThat(loader.load(request("job-1", "admin_users.csv", 5)).status()).isEqualTo(LoadResult.Status.LOADED);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        bound.set(registry);
        assertThat(loader.load(request("job-2", "admin_users.csv", 3)).status()).isEqualTo(LoadResult.Status.LOADED);

        assertThat(registry.get(MicrometerLoadMetrics.ROWS).tags("table", "admin_users").counter().count())
                .isEqualTo(3);
    }

    private LoadRequest request(String job, String file, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("id,event_time\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",2024-01-02 03:04:").append(String.format("%02d", i % 60)).append('\n');
        }
        Path p = dir.resolve(job + "-" + file);
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        String table = file.substring(0, file.length() - 4);
        return new LoadRequest(job, "req-1", Instant.parse("2024-01-01T00:00:00Z").plusSeconds(job.hashCode() & 0xffff),
                file, p, Files.size(p), TableSchema.of(table, Map.of("id", "number", "event_time", "timestamp: SQL")));
    }
}
