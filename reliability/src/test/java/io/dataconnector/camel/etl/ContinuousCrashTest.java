package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the continuous application (the completed-job consumer on a Quartz cron, every second here, job
 * claims with a 3 s lease): a child JVM loading job B is killed with SIGKILL at a precise point, which strands its
 * claim; a restarted continuous child takes the claim over once its lease has run out and loads B exactly once (the
 * warehouse equals a reference load of B, every history row of B success with attempts 1, one more download only,
 * the claim released, no download at later polls). Two live instances never load the same job twice. Nothing sleeps:
 * the tests wait on history rows, the simulator's recorded requests and the child's output.
 */
class ContinuousCrashTest extends JobBCrashTestBase {

    private static final Duration LOAD = Duration.ofSeconds(90);

    private Map<String, String> continuous() {
        Map<String, String> p = new LinkedHashMap<>(properties());
        p.put("etl.cron", "0/1 * * * * ?");
        p.put("etl.claim-lease", "3000");
        return p;
    }

    /** Waits until the job's own history row says success (fails early if the child exits). */
    private void awaitJobLoaded(ChildEtl child, SimJob job) {
        await().atMost(LOAD).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!child.isAlive()) {
                throw new AssertionError("The continuous ETL exited:\n" + child.output());
            }
            return "success".equals(status(job.id(), JobPlanner.JOB_MARKER));
        });
    }

    /** Waits for two more job-listing polls: at least one full poll after the current one. */
    private int awaitTwoMorePolls(ChildEtl child) {
        int polls = sim.recordedRequests(Operation.LIST_JOBS).size();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (child != null && !child.isAlive()) {
                throw new AssertionError("The continuous ETL exited:\n" + child.output());
            }
            return sim.recordedRequests(Operation.LIST_JOBS).size() >= polls + 2;
        });
        return polls;
    }

    /** After the kill: B's claim is stranded (still in the claims table, owned by the dead process). */
    private String assertStrandedClaim() throws Exception {
        List<Map<String, Object>> claims = claims(jobB.id());
        assertThat(claims).as("B's claim outlives the killed process").hasSize(1);
        return (String) claims.get(0).get("owner");
    }

    /** Restarts a continuous child: it takes the stranded claim over and loads B exactly once. */
    private void restartAndAssert(String deadOwner) throws Exception {
        int downloadsBefore = downloads();
        try (ChildEtl child = ChildEtl.start(work, continuous())) {
            awaitJobLoaded(child, jobB);
            int pollsAtLoad = awaitTwoMorePolls(child);
            Map<String, Map<String, Object>> h = assertLoadedOnce();
            int downloadsByRestart = downloads() - downloadsBefore;
            assertThat(downloadsByRestart).as("B downloaded once by the restart, not again at later polls")
                    .isEqualTo(1);
            assertThat(claims(jobB.id())).as("claim released after the load").isEmpty();
            assertThat(child.stderr).anyMatch(l -> l.contains("took over a claim whose lease had run out"));
            evidence("restart (continuous) took over the stranded claim of %s after its lease; %d download; "
                     + "%d tables = B (%s); history of B: %d rows success, attempts 1; claim released; "
                     + "polls %d..%d after the load downloaded nothing", deadOwner.replaceAll("@.*", "@…"),
                    downloadsByRestart, snapB.size(), snapB.get("admin_users"), h.size(), pollsAtLoad,
                    sim.recordedRequests(Operation.LIST_JOBS).size());
        }
    }

    private void killAt(String pauseAt) throws Exception {
        prepare();
        int exit;
        try (ChildEtl child = ChildEtl.start(work, continuous(), PauseListener.config(pauseAt))) {
            String marker = child.awaitStdout(PauseListener.MARKER, LOAD);
            evidence("continuous child killed at '%s'", marker.substring(PauseListener.MARKER.length()).trim());
            exit = child.kill();
        }
        assertIntermediate(exit);
        restartAndAssert(assertStrandedClaim());
    }

    @Test
    @Scenario(id = "CONT-1", title = "continuous mode: kill -9 during the download of the ZIP, restart continuous")
    void killDuringDownload() throws Exception {
        prepare();
        sim.faults().enqueue(Fault.slowDownload(4096));
        Path spool = work.resolve("work").resolve(jobB.id());
        int exit;
        try (ChildEtl child = ChildEtl.start(work, continuous())) {
            await().atMost(LOAD).pollInterval(Duration.ofMillis(20)).until(() -> {
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
            evidence("continuous child killed while %s was being spooled", "autodesk_data_extract.zip");
            exit = child.kill();
        }
        assertThat(sim.recordedRequests(Operation.DOWNLOAD)).hasSize(1);
        assertIntermediate(exit);
        restartAndAssert(assertStrandedClaim());
    }

    @Test
    @Scenario(id = "CONT-2", title = "continuous mode: kill -9 mid-table (rows in staging, uncommitted), restart "
                                     + "continuous")
    void killMidTable() throws Exception {
        killAt("staged:admin_users");
    }

    @Test
    @Scenario(id = "CONT-3", title = "continuous mode: kill -9 between tables (admin_projects committed, next not), "
                                     + "restart continuous")
    void killBetweenTables() throws Exception {
        killAt("after-table:admin_projects");
    }

    @Test
    @Scenario(id = "CONT-4", title = "continuous mode: two live instances polling the same warehouse every second "
                                     + "never load the same job twice")
    void twoLiveInstances() throws Exception {
        sim.setRowsPerTable(200);
        // the warehouse schema and history exist before the instances start (as in a running deployment)
        assertThat(runApp("--once")).as(lastOutput).isZero();
        SimJob first = job(60);
        try (ChildEtl one = ChildEtl.start(work, continuous()); ChildEtl two = ChildEtl.start(work, continuous())) {
            awaitJobLoaded(one, first);
            SimJob second = job(1);
            awaitJobLoaded(two, second);
            awaitTwoMorePolls(one);
            assertThat(two.isAlive()).isTrue();
            assertThat(downloads()).as("one ZIP download per job, whichever instance loaded it").isEqualTo(2);
            int tableRows = 0;
            for (SimJob j : List.of(first, second)) {
                for (Map.Entry<String, Map<String, Object>> e : history(j.id()).entrySet()) {
                    assertThat(e.getValue().get("status")).as(j.id() + " " + e.getKey()).isEqualTo("success");
                    assertThat(((Number) e.getValue().get("attempts")).intValue()).as(e.getKey()).isEqualTo(1);
                    tableRows++;
                }
                assertThat(claims(j.id())).isEmpty();
            }
            long loadsByOne = one.stderr.stream().filter(l -> l.contains("table(s) to load from")).count();
            long loadsByTwo = two.stderr.stream().filter(l -> l.contains("table(s) to load from")).count();
            assertThat(loadsByOne + loadsByTwo).as("jobs planned for loading, both instances together").isEqualTo(2);
            assertThat(snapshot().get("admin_users").rows()).isEqualTo(200);
            evidence("2 instances, 2 jobs: 2 downloads; jobs loaded by instance 1: %d, by instance 2: %d; %d history "
                     + "rows, all success with attempts 1; no claim left; %d polls in all", loadsByOne, loadsByTwo,
                    tableRows, sim.recordedRequests(Operation.LIST_JOBS).size());
        }
    }
}
