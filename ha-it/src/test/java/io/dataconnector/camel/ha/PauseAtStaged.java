package io.dataconnector.camel.ha;

import io.dataconnector.camel.etl.warehouse.LoadListener;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link LoadListener} bound in a child launcher's registry ({@code camel.beans.haPause=#class:...PauseAtStaged},
 * {@code camel.beans.haPause.table=<table>}): the loading thread that has staged that table's rows (uncommitted)
 * prints {@value #MARKER} on stdout and blocks, so the test can kill the process in the middle of the load.
 */
public class PauseAtStaged implements LoadListener {

    public static final String MARKER = "HA-TEST-PAUSED";

    private String table = "";

    public void setTable(String table) {
        this.table = table;
    }

    @Override
    public void staged(LoadRequest request, String staged) {
        if (!table.equals(staged)) {
            return;
        }
        System.out.println(MARKER + " " + staged);
        System.out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
