package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.SimJob;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Crash scenarios: job A loaded in-process, a newer job B whose expected snapshot comes from a reference load into
 * another schema; the test kills a child JVM loading B at a precise point, restarts, and asserts with the helpers here.
 */
abstract class JobBCrashTestBase extends ReliabilityTestBase {

    SimJob jobA;
    SimJob jobB;
    Map<String, Snapshot> snapA;
    Map<String, Snapshot> snapB;

    /** Job A loaded in-process; job B seeded; B's expected snapshot from a reference load into another schema. */
    void prepare() throws Exception {
        sim.setRowsPerTable(200);
        jobA = job(120);
        assertThat(runApp("--once")).as(lastOutput).isZero();
        snapA = snapshot();
        jobB = job(60);
        String crashSchema = schema;
        schema = crashSchema + "_ref";
        try {
            assertThat(runApp("--once")).as(lastOutput).isZero();
            snapB = snapshot();
        } finally {
            schema = crashSchema;
        }
        assertThat(snapB.keySet()).isEqualTo(snapA.keySet());
        assertThat(snapB).as("B's extract differs from A's").isNotEqualTo(snapA);
        sim.clearRecordedRequests();
    }

    /** After the kill: every table is A's or B's snapshot; the job is not marked loaded. */
    void assertIntermediate(int exitCode) throws Exception {
        assertThat(exitCode).as("killed with SIGKILL").isEqualTo(137);
        Map<String, Snapshot> now = snapshot();
        int a = 0;
        int b = 0;
        for (String table : new TreeSet<>(snapA.keySet())) {
            Snapshot s = now.get(table);
            assertThat(s).as(table + " after the kill").isIn(snapA.get(table), snapB.get(table));
            if (Objects.equals(s, snapA.get(table))) {
                a++;
            } else {
                b++;
            }
        }
        assertThat(history(jobB.id())).doesNotContainKey(JobPlanner.JOB_MARKER);
        evidence("exit %d after kill; tables at A: %d, at B: %d", exitCode, a, b);
    }

    /**
     * B is loaded exactly once: the warehouse equals B's reference, B's tables and B itself are recorded loaded with
     * attempts = 1, no staging table or temp file is left.
     *
     * @return B's history rows
     */
    Map<String, Map<String, Object>> assertLoadedOnce() throws Exception {
        assertThat(snapshot()).as("after restart").isEqualTo(snapB);
        Map<String, Map<String, Object>> h = history(jobB.id());
        assertThat(h).containsKey(JobPlanner.JOB_MARKER);
        for (Map.Entry<String, Map<String, Object>> e : h.entrySet()) {
            assertThat(e.getValue().get("status")).as(e.getKey()).isEqualTo("success");
            assertThat(((Number) e.getValue().get("attempts")).intValue()).as(e.getKey() + " attempts").isEqualTo(1);
        }
        assertThat(h.keySet()).hasSize(snapB.size() + 1);
        assertNoLeftovers();
        return h;
    }
}
