package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB pool lets go of its file when idle, except while held (e.g. across one extract's loads). */
class ReleasingDataSourceTest {

    @TempDir
    Path dir;

    @Test
    void aHoldKeepsTheFileOpenAcrossIdleGapsAndItsCloseReleasesIt() throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:duckdb:" + dir.resolve("wh.duckdb"));
        cfg.setMaximumPoolSize(1);
        cfg.setMinimumIdle(0);
        try (ReleasingDataSource ds = new ReleasingDataSource(new HikariDataSource(cfg), Duration.ofMillis(50))) {
            AutoCloseable hold = ds.hold();
            try (Connection c = ds.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            // idle far longer than the release delay: still open while held
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                    .until(() -> ds.pool().getHikariPoolMXBean().getTotalConnections() == 1);
            hold.close();
            hold.close(); // harmless
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ds.pool().getHikariPoolMXBean().getTotalConnections() == 0);
            // without a hold the idle pool lets go after the delay as before
            try (Connection c = ds.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ds.pool().getHikariPoolMXBean().getTotalConnections() == 0);
        }
    }
}
