package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.model.DataConnectorJson;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Initialises, on a daemon thread, what the launcher needs only later in its boot, while the main thread sets up
 * logging and Camel Main: the DuckDB native library (the driver unpacks a ~57 MB library from the jar and loads it,
 * about 0.5 s of CPU; only when the warehouse is DuckDB), the JVM's default {@link SSLContext} (the trust store, used
 * by the API client's HTTP client) and the API's JSON mapper. On a machine with a second core this takes that work
 * off the path to the first API call; on one core it costs nothing extra, as the same work is done anyway.
 * <p>
 * Best effort: a failure here is ignored, since the real use reports it where it happens (e.g. a DuckDB that cannot
 * load fails the warehouse's start with its own error; a renamed driver class is skipped). Nothing is kept: the JVM keeps a loaded library and an
 * initialised class.
 */
final class BootWarmUp {

    private BootWarmUp() {
    }

    /**
     * Starts the warm-up thread and returns at once.
     *
     * @param warehouseUrl the configured {@code warehouse.url} (may be null); DuckDB is warmed only for
     *                     {@code jdbc:duckdb:} URLs
     * @return the started daemon thread
     */
    static Thread start(String warehouseUrl) {
        List<Runnable> steps = new ArrayList<>();
        if (warehouseUrl != null && warehouseUrl.trim().startsWith("jdbc:duckdb:")) {
            steps.add(BootWarmUp::duckDb);
        }
        steps.add(BootWarmUp::tls);
        steps.add(BootWarmUp::json);
        Thread t = new Thread(() -> steps.forEach(BootWarmUp::quietly), "dc-etl-boot-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The driver's class that unpacks and loads the library when it initialises (duckdb_jdbc 1.4). */
    static final String DUCKDB_NATIVE = "org.duckdb.DuckDBNative";

    private static void duckDb() {
        // only the library: opening even an in-memory database costs more CPU than it saves
        initialise(DUCKDB_NATIVE);
    }

    private static void tls() {
        try {
            SSLContext.getDefault();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json() {
        initialise(DataConnectorJson.class.getName());
    }

    private static void initialise(String className) {
        try {
            Class.forName(className, true, BootWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // another driver version: nothing to warm up
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            // reported by the real use, see the class comment
        }
    }
}
