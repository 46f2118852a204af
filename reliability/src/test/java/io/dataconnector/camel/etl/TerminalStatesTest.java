package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Permanent problems end in a terminal state recorded in the load history, so runs do not repeat forever: a data
 * listing answering 404 makes the job {@code gone}; a table (or a job) failing {@code etl.max-attempts} times, counted
 * in the history, is {@code quarantined} with its last error. The run that records it exits 1; later runs skip it
 * without a download, list it in the summary and exit 0, until an operator re-arms it with {@code etl.rearm}.
 */
class TerminalStatesTest extends SnapshotAThenJobBTestBase {

    private static final String NOT_EXIST = "ERR_RESOURCE_NOT_EXIST: The requested resource does not exist.";

    private int listings() {
        return sim.recordedRequests(Operation.LIST_JOB_FILES).size();
    }

    @Test
    @Scenario(id = "TERMINAL-1", title = "data listing answers 404 for a complete job: gone, later runs skip it "
                                         + "(exit 0, no listing, no download); etl.rearm=<job> loads it again")
    void goneListing() throws Exception {
        sim.faults().enqueue(Fault.status(404).message(NOT_EXIST).on("GET", jobB.id() + "/data-listing").times(50));
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        Map<String, Object> row = history(jobB.id()).get(JobPlanner.JOB_MARKER);
        assertThat(row.get("status")).isEqualTo("gone");
        assertThat((String) row.get("error")).contains("404", "ERR_RESOURCE_NOT_EXIST");
        assertThat(snapshot()).isEqualTo(previous);
        assertThat(lastOutput).contains("gone");
        evidence("run 1: exit 1, job row gone ('%s')", HostileExtractsTest.shorten((String) row.get("error")));

        int listings = listings();
        int downloads = downloads();
        for (int run = 2; run <= 3; run++) {
            assertThat(runApp("--once")).as(lastOutput).isZero();
            assertThat(lastOutput).contains("skipped").contains("gone after 1 attempt");
        }
        assertThat(listings()).as("no data listing asked again").isEqualTo(listings);
        assertThat(downloads()).isEqualTo(downloads);
        assertThat(((Number) history(jobB.id()).get(JobPlanner.JOB_MARKER).get("attempts")).intValue()).isEqualTo(1);
        evidence("runs 2-3: exit 0, summary lists it as skipped (gone), 0 listings, 0 downloads, attempts stay 1");

        sim.faults().clear();
        extra.put("etl.rearm", jobB.id());
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(status(jobB.id(), JobPlanner.JOB_MARKER)).isEqualTo("success");
        assertThat(snapshot()).isNotEqualTo(previous);
        evidence("etl.rearm=<job> once the listing answers: exit 0, B loaded");
    }

    @Test
    @Scenario(id = "TERMINAL-2", title = "a table failing etl.max-attempts (2) times: quarantined with its last error, "
                                         + "no further download, exit 0; etl.rearm=<job>:<file> reloads it")
    void quarantinedTable() throws Exception {
        extra.put("etl.max-attempts", "2");
        byte[] good = sim.jobFileBytes(jobB.id(), "admin_projects.csv");
        sim.putJobFile(jobB.id(), "admin_projects.csv",
                "id,name\n11111111-1111-4111-8111-111111111111,a,EXTRA\n".getBytes(StandardCharsets.UTF_8));
        sim.clearRecordedRequests();

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(status(jobB.id(), "admin_projects.csv")).isEqualTo("failed");
        assertThat(status(jobB.id(), JobPlanner.JOB_MARKER)).as("job not done while a table may still load").isNull();
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        Map<String, Object> bad = history(jobB.id()).get("admin_projects.csv");
        assertThat(bad.get("status")).isEqualTo("quarantined");
        assertThat(((Number) bad.get("attempts")).intValue()).isEqualTo(2);
        assertThat((String) bad.get("error")).contains("line 2", "expected 2 fields, found 3");
        Map<String, Object> jobRow = history(jobB.id()).get(JobPlanner.JOB_MARKER);
        assertThat(jobRow.get("status")).isEqualTo("success");
        assertThat((String) jobRow.get("error")).isEqualTo("loaded with 0 refused entries and 1 quarantined tables");
        assertThat(downloads()).isEqualTo(2);
        assertThat(snapshot().get("admin_projects")).isEqualTo(previous.get("admin_projects"));
        evidence("runs 1-2: exit 1, 1; admin_projects quarantined after 2 attempts ('%s'); job row: %s",
                HostileExtractsTest.shorten((String) bad.get("error")), jobRow.get("error"));

        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(lastOutput).contains("admin_projects", "skipped", "quarantined after 2 attempt(s)");
        assertThat(downloads()).as("no further download").isEqualTo(2);
        assertThat(((Number) history(jobB.id()).get("admin_projects.csv").get("attempts")).intValue()).isEqualTo(2);
        evidence("run 3: exit 0, no download, attempts stay 2, summary lists admin_projects as skipped (quarantined)");

        sim.putJobFile(jobB.id(), "admin_projects.csv", good);
        extra.put("etl.rearm", jobB.id() + ":admin_projects.csv");
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(downloads()).isEqualTo(3);
        Map<String, Map<String, Object>> h = history(jobB.id());
        assertThat(h.get("admin_projects.csv").get("status")).isEqualTo("success");
        assertThat(((Number) h.get("admin_projects.csv").get("attempts")).intValue()).isEqualTo(1);
        assertThat(h.get(JobPlanner.JOB_MARKER).get("status")).isEqualTo("success");
        assertThat(h.get(JobPlanner.JOB_MARKER).get("error")).isNull();
        assertThat(snapshot().get("admin_projects")).isNotEqualTo(previous.get("admin_projects"));
        extra.remove("etl.rearm");
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(downloads()).isEqualTo(3);
        evidence("fixed file + etl.rearm=<job>:admin_projects.csv: exit 0, 1 download, admin_projects loads B "
                 + "(attempts 1 after re-arm); next run: nothing to do");
    }

    @Test
    @Scenario(id = "TERMINAL-3", title = "a job failing etl.max-attempts (2) times (corrupt ZIP each time): "
                                         + "quarantined, later runs exit 0 without a download")
    void quarantinedJob() throws Exception {
        extra.put("etl.max-attempts", "2");
        sim.faults().enqueue(Fault.corruptZipCrc().times(10));
        sim.clearRecordedRequests();
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(status(jobB.id(), JobPlanner.JOB_MARKER)).isEqualTo("failed");
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        Map<String, Object> row = history(jobB.id()).get(JobPlanner.JOB_MARKER);
        assertThat(row.get("status")).isEqualTo("quarantined");
        assertThat((String) row.get("error")).contains("CRC-32");
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(lastOutput).contains("quarantined after 2 attempt(s)");
        assertThat(downloads()).isEqualTo(2);
        Map<String, Snapshot> now = snapshot();
        now.forEach((t, s) -> assertThat(s.rows()).as(t + " whole").isEqualTo(previous.get(t).rows()));
        evidence("runs 1-2: exit 1, job row quarantined after 2 attempts ('%s'); run 3: exit 0, no download",
                HostileExtractsTest.shorten((String) row.get("error")));
    }

    @Test
    @Scenario(id = "TERMINAL-4", title = "continuous mode: a table that never loads is quarantined after "
                                         + "etl.max-attempts polls, a 404 listing is gone after one; later polls "
                                         + "download nothing")
    void continuousModeSettles() throws Exception {
        extra.put("etl.max-attempts", "2");
        extra.put("etl.cron", "0/1 * * * * ?");
        sim.putJobFile(jobB.id(), "admin_projects.csv",
                "id,name\n11111111-1111-4111-8111-111111111111,a,EXTRA\n".getBytes(StandardCharsets.UTF_8));
        var gone = job(30);
        sim.faults().enqueue(Fault.status(404).message(NOT_EXIST).on("GET", gone.id() + "/data-listing").times(50));
        sim.clearRecordedRequests();
        EtlApplication app = new EtlApplication(new PrintStream(OutputStream.nullOutputStream()), properties());
        Thread running = new Thread(() -> app.run(new String[] {"--config=" + work.resolve("no-config")}));
        running.start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                    () -> "quarantined".equals(status(jobB.id(), "admin_projects.csv"))
                          && "success".equals(status(jobB.id(), JobPlanner.JOB_MARKER))
                          && "gone".equals(status(gone.id(), JobPlanner.JOB_MARKER)));
            int polls = sim.recordedRequests(Operation.LIST_JOBS).size();
            int downloads = downloads();
            int listings = listings();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sim.recordedRequests(Operation.LIST_JOBS).size() >= polls + 2);
            assertThat(downloads()).as("B downloaded once per attempt, then never").isEqualTo(downloads).isEqualTo(2);
            assertThat(listings()).isEqualTo(listings);
            assertThat(sim.recordedRequests("GET", ".*" + gone.id() + "/data-listing")).hasSize(1);
            assertThat(((Number) history(jobB.id()).get("admin_projects.csv").get("attempts")).intValue())
                    .isEqualTo(2);
            evidence("B: 2 downloads (attempts 1, 2 at two polls), admin_projects quarantined, job row success; "
                     + "404 job: 1 listing, gone; %d later polls: no listing, no download",
                    sim.recordedRequests(Operation.LIST_JOBS).size() - polls);
        } finally {
            app.stop();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).isFalse();
    }
}
