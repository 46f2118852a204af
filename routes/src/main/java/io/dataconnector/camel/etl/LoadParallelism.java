package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.Dialect;
import io.dataconnector.camel.etl.warehouse.PostgresDialect;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;

/**
 * How many tables of one extract load at once: {@value #KEY}, by default {@value #POSTGRES_DEFAULT} into PostgreSQL
 * (each table's entry is streamed from the ZIP on its own connection, so a load waiting on the server — a commit's
 * fsync, DDL, a round trip — overlaps another's work) and 1 otherwise (DuckDB takes one writer connection; a generic
 * database's bulk path is unknown). The thread pool the ETL route's table split runs on is shared by the process's
 * template instances and has this many threads per account ({@code accounts.*}), so accounts loading at the same
 * time each find threads and a slow table of one account does not stop the others.
 */
public final class LoadParallelism {

    /** The configuration key. */
    public static final String KEY = "etl.load-parallelism";
    /** The default into PostgreSQL (the measured best on 2 cores; see docs/performance.md). */
    public static final int POSTGRES_DEFAULT = 2;

    private LoadParallelism() {
    }

    /**
     * @return {@value #KEY}, or the dialect's default when unset
     * @throws IllegalArgumentException when it is not a whole number of at least 1
     */
    public static int of(CamelContext context, Dialect dialect) {
        String v = context.getPropertiesComponent().resolveProperty(KEY).orElse("").trim();
        if (v.isEmpty()) {
            return dialect instanceof PostgresDialect ? POSTGRES_DEFAULT : 1;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(KEY + " must be a whole number of at least 1, not '" + v + "'");
    }

    /** @return a pool of {@code threads} threads named {@code dc-etl-load}, shut down with the CamelContext */
    public static ExecutorService executor(CamelContext context, Object owner, int threads) {
        return context.getExecutorServiceManager().newFixedThreadPool(owner, "dc-etl-load", threads);
    }
}
