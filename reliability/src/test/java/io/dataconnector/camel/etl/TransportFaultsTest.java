package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.ContentSource;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transport faults injected by the simulator while job B loads over job A's snapshot: either the fault is absorbed
 * (retry, refresh, re-signed URL) and B loads, or B is reported failed in the exit code and the load history with the
 * previous snapshot untouched, and the next run loads it.
 */
class TransportFaultsTest extends SnapshotAThenJobBTestBase {

    @BeforeEach
    void forgetTheCallsOfJobA() {
        sim.clearRecordedRequests();
    }

    /** The run failed with B recorded failed (error containing the words), nothing of B in the tables. */
    private String assertFailedKeepingPrevious(int exit, String... errorWords) throws Exception {
        assertThat(exit).as(lastOutput).isEqualTo(1);
        assertThat(snapshot()).as("previous snapshot kept").isEqualTo(previous);
        Map<String, Object> row = history(jobB.id()).get(JobPlanner.JOB_MARKER);
        assertThat(row).as("job-level history row").isNotNull();
        assertThat(row.get("status")).isEqualTo("failed");
        String error = (String) row.get("error");
        assertThat(error).contains(errorWords);
        assertNoLeftovers();
        return error;
    }

    /** The next run loads B completely, once. */
    private void assertNextRunLoads() throws Exception {
        assertThat(runApp("--once")).as(lastOutput).isZero();
        Map<String, Snapshot> now = snapshot();
        assertThat(now.keySet()).isEqualTo(previous.keySet());
        assertThat(now).isNotEqualTo(previous);
        assertThat(history(jobB.id()).get(JobPlanner.JOB_MARKER).get("status")).isEqualTo("success");
        assertNoLeftovers();
    }

    private void assertLoadedNow() throws Exception {
        Map<String, Snapshot> now = snapshot();
        assertThat(now.keySet()).isEqualTo(previous.keySet());
        assertThat(now).as("B loaded").isNotEqualTo(previous);
        assertThat(history(jobB.id()).get(JobPlanner.JOB_MARKER).get("status")).isEqualTo("success");
        assertNoLeftovers();
    }

    @Test
    @Scenario(id = "TRANSPORT-1", title = "signed URL expired at download start: re-signed once; expired twice: job "
                                          + "failed, next run loads")
    void expiredSignedUrl() throws Exception {
        sim.faults().enqueue(Fault.expiredSignedUrl());
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(sim.recordedRequests(Operation.GET_JOB_FILE_URL)).hasSize(2);
        assertLoadedNow();
        evidence("once: exit 0, 2 signed URLs, B loaded");

        // again with a job whose URL expires twice
        previous = snapshot();
        jobB = job(30);
        sim.faults().enqueue(Fault.expiredSignedUrl().times(2));
        String error = assertFailedKeepingPrevious(runApp("--once"), "expired twice");
        evidence("twice: exit 1, history '%s', previous snapshot kept", HostileExtractsTest.shorten(error));
        assertNextRunLoads();
        evidence("next run: exit 0, loaded");
    }

    @Test
    @Scenario(id = "TRANSPORT-2", title = "connection cut mid-download")
    void connectionCut() throws Exception {
        sim.faults().enqueue(Fault.truncatedDownload(300));
        String error = assertFailedKeepingPrevious(runApp("--once"), "autodesk_data_extract.zip");
        evidence("exit 1, history '%s', previous snapshot kept, no temp file", HostileExtractsTest.shorten(error));
        assertNextRunLoads();
        evidence("next run: exit 0, B loaded");
    }

    @Test
    @Scenario(id = "TRANSPORT-3", title = "downloaded size differs from the listed size")
    void sizeMismatch() throws Exception {
        String csv = "id,name\n1,one\n2,two\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        // the listing announces 7 bytes more than the storage serves (until the file's URL has been handed out)
        sim.putJobFile(jobB.id(), "admin_sized.csv", new ContentSource() {
            @Override
            public long size() {
                boolean signed = sim.recordedRequests(Operation.GET_JOB_FILE_URL).stream()
                        .anyMatch(r -> r.toString().contains("admin_sized.csv"));
                return signed ? bytes.length : bytes.length + 7;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        });
        extra.put("etl.fetch", "files");
        extra.put("etl.include", "admin_sized");
        String error = assertFailedKeepingPrevious(runApp("--once"), "admin_sized.csv", "announced " + (bytes.length + 7));
        evidence("exit 1, history '%s'", HostileExtractsTest.shorten(error));
        assertThat(runApp("--once")).as(lastOutput).isZero();
        assertThat(query("SELECT COUNT(*) AS n FROM " + schema + ".admin_sized").get(0).get("n")).isEqualTo(2L);
        evidence("next run (sizes agree): exit 0, 2 rows");
    }

    @Test
    @Scenario(id = "TRANSPORT-4", title = "ZIP with a bad CRC-32")
    void badCrc() throws Exception {
        sim.faults().enqueue(Fault.corruptZipCrc());
        String error = assertFailedKeepingPrevious(runApp("--once"), "CRC");
        evidence("exit 1, history '%s', previous snapshot kept", HostileExtractsTest.shorten(error));
        assertNextRunLoads();
        evidence("next run: exit 0, B loaded");
    }

    @Test
    @Scenario(id = "TRANSPORT-5", title = "401 mid-run: a refresh-token client refreshes once and goes on; a static "
                                          + "token fails the job, next run loads")
    void unauthorizedMidRun() throws Exception {
        sim.registerClient("rel-client", "rel-client-secret");
        sim.registerRefreshToken("rel-client", "rel-refresh-1");
        extra.put("camel.component.dataconnector.client-id", "rel-client");
        extra.put("camel.component.dataconnector.client-secret", "rel-client-secret");
        extra.put("camel.component.dataconnector.refresh-token", "rel-refresh-1");
        extra.put("camel.component.dataconnector.token-store", work.resolve("refresh-token").toString());
        sim.faults().enqueue(Fault.tokenExpired().on(Operation.LIST_JOB_FILES));
        assertThat(runApp("--once")).as(lastOutput).isZero();
        int tokenCalls = sim.recordedRequests(Operation.TOKEN).size();
        assertThat(tokenCalls).isEqualTo(2);
        assertThat(sim.recordedRequests(Operation.LIST_JOB_FILES)).hasSize(2);
        assertLoadedNow();
        evidence("refresh token: 401 on data-listing → %d token calls, listing retried once, exit 0, B loaded",
                tokenCalls);

        extra.remove("camel.component.dataconnector.client-id");
        extra.remove("camel.component.dataconnector.client-secret");
        extra.remove("camel.component.dataconnector.refresh-token");
        extra.remove("camel.component.dataconnector.token-store");
        previous = snapshot();
        jobB = job(30);
        sim.faults().enqueue(Fault.tokenExpired().on(Operation.GET_JOB_FILE_URL));
        String error = assertFailedKeepingPrevious(runApp("--once"), "401");
        evidence("static token: exit 1, history '%s'", HostileExtractsTest.shorten(error));
        assertNextRunLoads();
        evidence("next run: exit 0");
    }

    @Test
    @Scenario(id = "TRANSPORT-6", title = "429 burst with Retry-After: waited out, then loaded")
    void tooManyRequests() throws Exception {
        sim.faults().enqueue(Fault.tooManyRequests("1").times(3).on(Operation.LIST_JOB_FILES));
        long t0 = System.nanoTime();
        assertThat(runApp("--once")).as(lastOutput).isZero();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(sim.recordedRequests(Operation.LIST_JOB_FILES)).hasSize(4);
        assertThat(seconds).as("three Retry-After: 1 honoured").isGreaterThanOrEqualTo(3);
        assertLoadedNow();
        evidence("3× 429 Retry-After 1 → 4 listing calls, run took %d s (>= 3), exit 0, B loaded", seconds);
    }

    @Test
    @Scenario(id = "TRANSPORT-7", title = "500/503 streaks longer than the retry budget: job (or run) failed, "
                                          + "nothing partial, next run loads")
    void serverErrorStreaks() throws Exception {
        extra.put("camel.component.dataconnector.max-retries", "2");
        sim.faults().enqueue(Fault.serviceUnavailable().times(3).on(Operation.GET_JOB_FILE_URL));
        String error = assertFailedKeepingPrevious(runApp("--once"), "503");
        assertThat(sim.recordedRequests(Operation.GET_JOB_FILE_URL)).hasSize(3);
        evidence("503×3 on the signed URL (max-retries 2): exit 1, history '%s'", HostileExtractsTest.shorten(error));

        sim.faults().enqueue(Fault.serverError().times(3).on(Operation.LIST_JOBS));
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(lastOutput).contains("500");
        assertThat(snapshot()).isEqualTo(previous);
        evidence("500×3 on the job listing: run exit 1 ('Run failed'), tables unchanged");
        assertNextRunLoads();
        evidence("next run: exit 0, B loaded");
    }

    @Test
    @Scenario(id = "TRANSPORT-8", title = "very slow server: a stall hits the read timeout, a trickle hits "
                                          + "etl.download.max-duration; no thread leaked")
    void slowServer() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        extra.put("etl.download.read-timeout", "500");
        sim.faults().enqueue(Fault.stalledDownload(1000, Duration.ofSeconds(30))); // 1000 bytes, then silence
        long t0 = System.nanoTime();
        String error = assertFailedKeepingPrevious(runApp("--once"), "autodesk_data_extract.zip", "stalled",
                "etl.download.read-timeout");
        long stallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(stallMs).as("the read timeout, not the 30 s stall").isLessThan(15_000);
        evidence("stall: exit 1 after %d ms, history '%s'", stallMs, HostileExtractsTest.shorten(error));

        extra.put("etl.download.max-duration", "1500");
        sim.faults().enqueue(Fault.slowDownload(400)); // 20 bytes every 50 ms: never 500 ms without a byte
        t0 = System.nanoTime();
        error = assertFailedKeepingPrevious(runApp("--once"), "etl.download.max-duration");
        long trickleMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(trickleMs).isLessThan(15_000);
        evidence("trickle: exit 1 after %d ms, history '%s'", trickleMs, HostileExtractsTest.shorten(error));

        // Every Camel/HTTP/pool thread of both runs ends. The JDK 17 HttpClient of the component ends its threads only
        // when the client is collected, and Camel Main's hangup interceptor (a JVM shutdown hook it never removes)
        // keeps each finished in-process app reachable: at most one such client per app run, never one per retry.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(leaked(before)).filteredOn(n -> !n.matches("HttpClient-\\d+-(Worker-\\d+|SelectorManager)"))
                    .isEmpty();
            assertThat(leaked(before)).filteredOn(n -> n.endsWith("SelectorManager")).hasSizeLessThanOrEqualTo(2);
        });
        evidence("threads started by the 2 runs: all ended except <= 1 idle JDK HttpClient per in-process app "
                 + "(held by Camel Main's JVM shutdown hook; one app per real process)");
        extra.remove("etl.download.max-duration");
        extra.remove("etl.download.read-timeout");
        assertNextRunLoads();
    }

    private static Set<String> leaked(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("dc-sim-") && !n.startsWith("ForkJoinPool.commonPool")
                             && !n.startsWith("Attach Listener") && !n.startsWith("awaitility"))
                .collect(Collectors.toSet());
    }
}
