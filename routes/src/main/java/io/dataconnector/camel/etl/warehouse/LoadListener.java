package io.dataconnector.camel.etl.warehouse;

/**
 * Callbacks at the points of a load where a crash matters (for monitoring, metrics or a crash-safety test). Bind an
 * implementation in the Camel registry (e.g. {@code camel.beans.myListener=#class:com.example.MyListener}); the ETL
 * calls every bound listener, on the loading thread, in no particular order. A listener that throws fails the load at
 * that point like any other error. Every method does nothing by default.
 */
public interface LoadListener {

    /** Nothing to call. */
    LoadListener NONE = new LoadListener() {
    };

    /**
     * A table's rows are streamed into its staging table, before that transaction commits.
     *
     * @param request the load
     * @param table   the warehouse table (e.g. {@code admin_users})
     */
    default void staged(LoadRequest request, String table) {
    }

    /** The staging table is swapped in, before the table's history row is written (same open transaction). */
    default void swapped(LoadRequest request, String table) {
    }

    /** The table and its history row are committed; the next table has not started. */
    default void committed(LoadResult result) {
    }

    /**
     * Every wanted table of the job is loaded (or settled: refused, quarantined), before the job-level history row.
     *
     * @param jobId the Data Connector job id
     */
    default void jobLoaded(String jobId) {
    }
}
