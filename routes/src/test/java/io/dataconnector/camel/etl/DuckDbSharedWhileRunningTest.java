package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise for the embedded warehouse: while the continuous ETL runs, another process (DuckDB locks a
 * file per process) opens the DuckDB file read-only between two polls.
 */
class DuckDbSharedWhileRunningTest {

    @TempDir
    Path work;

    @Test
    void anotherProcessReadsTheFileBetweenTwoPollsOfTheContinuousApp() throws Exception {
        Path file = work.resolve("warehouse.duckdb");
        try (DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(5).build()
                .start()) {
            sim.seedCompleteSuccessJob();
            EtlApplication app = new EtlApplication(new PrintStream(OutputStream.nullOutputStream()), Map.of(
                    "camel.component.dataconnector.base-url", sim.baseUrl(),
                    "camel.component.dataconnector.account-id", sim.accountId(),
                    "camel.component.dataconnector.access-token", sim.defaultAccessToken(),
                    "warehouse.url", "jdbc:duckdb:" + file,
                    "etl.work-dir", work.resolve("work").toString(),
                    "etl.cron", "0/4 * * * * ?"));
            Thread running = new Thread(() -> app.run(new String[] {"--config=" + work.resolve("no-config")}));
            running.start();
            try {
                // the first job loaded: its history rows are readable from the other process
                String seen = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> probe(file), out -> out.matches("rows=[1-9]\\d*"));
                int polls = sim.recordedRequests(Operation.LIST_JOBS).size();
                assertThat(polls).isPositive();
                // the app keeps polling (and so keeps using the file) afterwards ...
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> sim.recordedRequests(Operation.LIST_JOBS).size() >= polls + 1);
                // ... and lets go of it again between polls
                int before = sim.recordedRequests(Operation.LIST_JOBS).size();
                String again = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> probe(file), out -> out.startsWith("rows="));
                assertThat(again).isEqualTo(seen);
                assertThat(running.isAlive()).as("the continuous app still runs").isTrue();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> sim.recordedRequests(Operation.LIST_JOBS).size() > before);
            } finally {
                app.stop();
                running.join(Duration.ofSeconds(30).toMillis());
            }
            assertThat(running.isAlive()).isFalse();
        }
    }

    /** Runs {@link DuckDbReadOnlyProbe} in a new JVM; its one line of output. */
    private static String probe(Path file) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DuckDbReadOnlyProbe.class.getName(), file.toString(), "dataconnector", "dc_load_history"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
