package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.Dialect;
import io.dataconnector.camel.etl.warehouse.DuckDbDialect;
import io.dataconnector.camel.etl.warehouse.LoadListener;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * The warehouse side of every (schema, account) the ETL loads into, on the one warehouse {@code DataSource}: per
 * (schema, account) a {@link WarehouseLoader} whose history rows carry the account and its {@link JobPlanner}; per
 * schema the completed-job consumers' {@link JobClaims} (a claims table in that schema). Created on first use and
 * kept for the context's life; the schema and its history table are created when missing. Bound as
 * {@value #NAME}.
 */
public final class EtlSchemas {

    /** The registry name. */
    public static final String NAME = "dcEtlSchemas";

    private record Key(String schema, String accountId) {
    }

    private final CamelContext context;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final EtlSettings settings;
    private final RunSummary summary;
    private final LoadListener listener;
    private final Duration progressInterval;
    private final Map<Key, JobPlanner> planners = new ConcurrentHashMap<>();
    private final Map<String, JobClaims> claims = new ConcurrentHashMap<>();

    /**
     * @param listener         told of every load of every schema
     * @param progressInterval the time between two progress lines of a long table load
     */
    public EtlSchemas(CamelContext context, DataSource dataSource, Dialect dialect, EtlSettings settings,
                      RunSummary summary, LoadListener listener, Duration progressInterval) {
        this.context = context;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.settings = settings;
        this.summary = summary;
        this.listener = listener;
        this.progressInterval = progressInterval;
    }

    /** @return the default schema ({@code warehouse.schema}) */
    public String defaultSchema() {
        return settings.warehouse().schema();
    }

    /**
     * The planner (and loader) of one schema and account, created with its schema and history table when missing.
     *
     * @param schema    the warehouse schema; null or blank = {@code warehouse.schema}
     * @param accountId the account written in the history rows; null or blank = none
     * @throws IllegalArgumentException when the schema is not a valid identifier
     * @throws IllegalStateException    when the warehouse cannot create the schema or its history table
     */
    public JobPlanner planner(String schema, String accountId) {
        WarehouseSettings ws = settings.warehouse().forAccount(schema == null || schema.isBlank()
                ? defaultSchema() : schema.trim(), accountId);
        return planners.computeIfAbsent(new Key(ws.schema(), ws.accountId()), key -> {
            WarehouseLoader loader = new WarehouseLoader(dataSource, dialect, ws);
            loader.setListener(listener);
            loader.setProgressInterval(progressInterval);
            try {
                loader.initialize();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot create the load history of warehouse schema " + ws.schema()
                                                + ": " + e.getMessage(), e);
            }
            return new JobPlanner(loader, settings, summary);
        });
    }

    /**
     * @return the loader of each schema created so far (the first one made, when accounts with different ids share a
     *         schema), in creation order
     */
    public java.util.List<WarehouseLoader> loaders() {
        Map<String, WarehouseLoader> bySchema = new java.util.LinkedHashMap<>();
        planners.values().forEach(p -> bySchema.putIfAbsent(p.settings().schema().toLowerCase(java.util.Locale.ROOT),
                p.loader()));
        return java.util.List.copyOf(bySchema.values());
    }

    /**
     * The job claims of one schema (the completed-job consumer's idempotent repository), a service of the context
     * (its claims are released when the context stops).
     *
     * @param accountId the account whose planner reports settled jobs in a run-once summary
     */
    public JobClaims claims(String schema, String accountId) {
        JobPlanner planner = planner(schema, accountId);
        return claims.computeIfAbsent(planner.settings().schema(), s -> {
            JobClaims c = new JobClaims(context, dataSource, planner.loader(), s, settings.claimLeaseMillis(),
                    !(dialect instanceof DuckDbDialect));
            if (settings.once()) {
                // the consumer skips jobs the history says are settled: the run's summary still lists gone/quarantined
                c.setSettledListener(planner::reportSettled);
                c.setRunOnce(true);
            }
            try {
                context.addService(c, true, true); // after the pool's closer: stopped (claims released) before it
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the job claims of schema " + s + ": " + e.getMessage(),
                        e);
            }
            return c;
        });
    }
}
