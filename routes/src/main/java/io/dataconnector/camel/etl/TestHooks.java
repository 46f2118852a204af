package io.dataconnector.camel.etl;

import java.util.concurrent.CountDownLatch;

/**
 * Crash-safety test hook, <b>off by default</b> and inert unless the system property {@value #PROPERTY} is set. With
 * {@code -Detl.test.pause-at=<point>} (or {@code <point>:<table>}) the thread reaching that point prints
 * {@code ETL-TEST-PAUSED <point> <table>} on stdout and blocks forever, so a test can {@code kill -9} the process at
 * exactly that point of a load (see the reliability module). Points:
 * <ul>
 * <li>{@code staged}: a table's rows are streamed into its staging table, before that transaction commits (mid-table);</li>
 * <li>{@code before-history}: the staging table is swapped in, before the history row (same transaction);</li>
 * <li>{@code after-table}: a table is committed with its history row, before the next table (between tables);</li>
 * <li>{@code before-job-done}: every table is loaded, before the job-level history row.</li>
 * </ul>
 */
public final class TestHooks {

    public static final String PROPERTY = "etl.test.pause-at";
    public static final String MARKER = "ETL-TEST-PAUSED";

    private TestHooks() {
    }

    /** Blocks forever when {@value #PROPERTY} names this point (and table, when given); otherwise returns at once. */
    public static void pauseAt(String point, String table) {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            return;
        }
        int colon = spec.indexOf(':');
        String wantedPoint = colon < 0 ? spec.trim() : spec.substring(0, colon).trim();
        String wantedTable = colon < 0 ? null : spec.substring(colon + 1).trim();
        if (!wantedPoint.equals(point) || wantedTable != null && !wantedTable.equals(table)) {
            return;
        }
        System.out.println(MARKER + " " + point + " " + table);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
