package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.LoadListener;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link LoadListener} for crash tests, plugged into the ETL of a child JVM through the Camel registry
 * ({@code camel.beans.dcTestPause=#class:io.dataconnector.camel.etl.PauseListener},
 * {@code camel.beans.dcTestPause.pauseAt=<point>[:<table>]}): the thread reaching that point prints
 * {@code ETL-TEST-PAUSED <point> <table>} on stdout and blocks forever, so the test can {@code kill -9} the process at
 * exactly that point. Points: {@code staged} (rows in the staging table, uncommitted), {@code before-history}
 * (swapped, history row not written, same transaction), {@code after-table} (table and history row committed, next
 * table not started), {@code before-job-done} (every table loaded, job row not written).
 */
public class PauseListener implements LoadListener {

    public static final String MARKER = "ETL-TEST-PAUSED";

    private String point = "";
    private String table;

    /** @param spec {@code <point>} or {@code <point>:<table>} */
    public void setPauseAt(String spec) {
        int colon = spec.indexOf(':');
        this.point = colon < 0 ? spec.trim() : spec.substring(0, colon).trim();
        this.table = colon < 0 ? null : spec.substring(colon + 1).trim();
    }

    /** The child JVM's configuration binding this listener to pause at {@code spec}. */
    static java.util.Map<String, String> config(String spec) {
        return java.util.Map.of("camel.beans.dcTestPause", "#class:" + PauseListener.class.getName(),
                "camel.beans.dcTestPause.pauseAt", spec);
    }

    @Override
    public void staged(LoadRequest request, String t) {
        pause("staged", t);
    }

    @Override
    public void swapped(LoadRequest request, String t) {
        pause("before-history", t);
    }

    @Override
    public void committed(LoadResult result) {
        pause("after-table", result.table());
    }

    @Override
    public void jobLoaded(String jobId) {
        pause("before-job-done", JobPlanner.JOB_MARKER);
    }

    private void pause(String at, String t) {
        if (!point.equals(at) || table != null && !table.equals(t)) {
            return;
        }
        System.out.println(MARKER + " " + at + " " + t);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
