package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: the ETL runs as a real separate JVM ({@code --once}) and is killed with SIGKILL at a precise point of
 * loading job B over job A's snapshot, then restarted. After the kill every table holds A's or B's snapshot (never a
 * mix of rows, never duplicates); after the restart the warehouse equals a reference load of B, B's tables and B
 * itself are recorded loaded exactly once (attempts = 1), no staging table or temp file is left.
 * <p>
 * The points "mid-table", "between tables" and "before the history row" use a {@link PauseListener} (the ETL's
 * {@code LoadListener} SPI) bound in the child's registry: the child prints a marker and blocks, the test waits for
 * the marker on the child's stdout and kills. "During download" throttles the simulator's download instead.
 */
class CrashSafetyTest extends JobBCrashTestBase {

    /** The restart loads the rest: equals B's reference, everything exactly once, nothing left over. */
    private void restartAndAssert() throws Exception {
        int downloadsBefore = downloads();
        int code;
        try (ChildEtl child = ChildEtl.start(work, properties(), "--once")) {
            code = child.waitFor(Duration.ofSeconds(90));
            assertThat(code).as(child.output()).isZero();
        }
        Map<String, Map<String, Object>> h = assertLoadedOnce();
        // a third run: nothing to do
        int downloadsAfterRestart = downloads();
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(downloads()).isEqualTo(downloadsAfterRestart);
        assertThat(history(jobB.id())).isEqualTo(h);
        evidence("restart exit %d, %d download(s); %d tables = B (%s); history of B: %d rows success, attempts 1; "
                 + "no staging table, no temp file; 3rd run loads nothing", code, downloadsAfterRestart
                                                                             - downloadsBefore, snapB.size(),
                snapB.get("admin_users"), h.size());
    }

    private void killAt(String pauseAt) throws Exception {
        prepare();
        int exit;
        try (ChildEtl child = ChildEtl.start(work, properties(), PauseListener.config(pauseAt), "--once")) {
            String marker = child.awaitStdout(PauseListener.MARKER, Duration.ofSeconds(90));
            evidence("killed at '%s'", marker.substring(PauseListener.MARKER.length()).trim());
            exit = child.kill();
        }
        assertIntermediate(exit);
        restartAndAssert();
    }

    @Test
    @Scenario(id = "CRASH-1", title = "kill -9 during the download of the ZIP, restart")
    void killDuringDownload() throws Exception {
        prepare();
        sim.faults().enqueue(Fault.slowDownload(4096));
        Path spool = work.resolve("work").resolve(jobB.id());
        int exit;
        try (ChildEtl child = ChildEtl.start(work, properties(), "--once")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!child.isAlive()) {
                    throw new AssertionError(child.output());
                }
                try (var files = Files.list(spool)) {
                    return files.anyMatch(f -> f.getFileName().toString().startsWith("download-")
                                               && f.toFile().length() > 0);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            evidence("killed while %s was being spooled", "autodesk_data_extract.zip");
            exit = child.kill();
        }
        assertThat(sim.recordedRequests(Operation.DOWNLOAD)).hasSize(1);
        assertIntermediate(exit);
        restartAndAssert();
    }

    @Test
    @Scenario(id = "CRASH-2", title = "kill -9 mid-table (rows streamed into staging, uncommitted), restart")
    void killMidTable() throws Exception {
        killAt("staged:admin_users");
    }

    @Test
    @Scenario(id = "CRASH-3", title = "kill -9 between tables (admin_projects committed, next not), restart")
    void killBetweenTables() throws Exception {
        killAt("after-table:admin_projects");
    }

    @Test
    @Scenario(id = "CRASH-4", title = "kill -9 after the swap, just before the table's history row, restart")
    void killBeforeTheHistoryRow() throws Exception {
        killAt("before-history:admin_users");
    }

    @Test
    @Scenario(id = "CRASH-5", title = "kill -9 after every table, just before the job's history row, restart")
    void killBeforeTheJobRow() throws Exception {
        killAt("before-job-done");
    }
}
