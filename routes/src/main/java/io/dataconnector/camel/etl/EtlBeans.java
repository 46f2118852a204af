package io.dataconnector.camel.etl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataconnector.camel.etl.warehouse.Dialect;
import io.dataconnector.camel.etl.warehouse.DuckDbDialect;
import io.dataconnector.camel.etl.warehouse.LoadListener;
import io.dataconnector.camel.etl.warehouse.LoadListeners;
import io.dataconnector.camel.etl.warehouse.ReleasingDataSource;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the ETL's beans from the configuration and binds them in the registry: the warehouse {@code DataSource}
 * (HikariCP, also usable by camel-jdbc/camel-sql as {@code #warehouse}), the loader, the planner, the run summary and
 * the job claims of the completed-job consumer ({@link JobClaims}). The pool is closed when the CamelContext stops
 * (a DuckDB file's lock is held only while a connection is in use, see {@link ReleasingDataSource}). Every {@link LoadListener} bound in the registry is told of each load, among them the load metrics
 * ({@link MicrometerLoadMetrics}).
 * The {@code etl.rearm} items are re-armed by {@link JobRearm} once the accounts are bound too.
 */
public record EtlBeans(EtlSettings settings, DataSource dataSource, WarehouseLoader loader, JobPlanner planner,
                       RunSummary summary) {

    /** The beans of the ETL, bound in the registry under these names (the YAML routes refer to them). */
    public static final String LOADER = "dcEtlWarehouseLoader";
    public static final String PLANNER = "dcEtlJobPlanner";
    public static final String SUMMARY = "dcEtlRunSummary";
    public static final String SETTINGS = "dcEtlSettings";
    public static final String JOB_STEPS = "dcEtlJobSteps";
    public static final String EXTRACT_READER = "dcEtlExtractReader";
    public static final String DOWNLOAD_SPOOLER = "dcEtlDownloadSpooler";
    /** The completed-job consumer's idempotent repository, a table in the warehouse database. */
    public static final String JOB_REPOSITORY = "dcEtlJobRepository";
    /** The load metrics ({@link MicrometerLoadMetrics}), bound when Micrometer is on the classpath. */
    public static final String LOAD_METRICS = "dcEtlLoadMetrics";
    /** The key of the default instance's account (history rows of the default schema carry it). */
    static final String DEFAULT_ACCOUNT_ID = "camel.component.dataconnector.account-id";
    /** The thread pool the tables of one extract load on ({@link LoadParallelism}). */
    public static final String LOAD_EXECUTOR = "dcEtlLoadExecutor";
    /** The warehouse DataSource (also usable by camel-jdbc/camel-sql). */
    public static final String WAREHOUSE = "warehouse";

    /** How long an unused DuckDB connection stays open (the file is locked while it is). */
    static final java.time.Duration DUCKDB_RELEASE_AFTER = java.time.Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(EtlBeans.class);

    /** {@link #bind(CamelContext, DataSource)} with a HikariCP pool built from {@code warehouse.url}. */
    public static EtlBeans bind(CamelContext context) throws Exception {
        return bind(context, null);
    }

    /**
     * Binds the ETL's beans once per context (a second call returns the beans already bound).
     *
     * @param warehouse the warehouse DataSource, owned by the caller and never closed here (e.g. a pax-jdbc service
     *                  in Karaf; {@code warehouse.url} must still name its JDBC URL, for the dialect), or {@code null}
     *                  for a HikariCP pool built from {@code warehouse.url} and closed when the context stops
     */
    public static EtlBeans bind(CamelContext context, DataSource warehouse) throws Exception {
        EtlBeans existing = context.getRegistry().lookupByNameAndType("dcEtlBeans", EtlBeans.class);
        if (existing != null) {
            return existing;
        }
        EtlSettings settings = EtlSettings.from(context);
        Dialect dialect = Dialect.forUrl(settings.warehouseUrl(), settings.warehouse().batchSize());
        int loadThreads = LoadParallelism.of(context, dialect) * Math.max(1, EtlAccounts.count(context));
        DataSource ds = warehouse != null ? warehouse : dataSource(settings, dialect, loadThreads);
        if (warehouse == null) {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    ((AutoCloseable) ds).close();
                }
            }, true, true);
        }
        LoadListener listeners = new LoadListeners(
                () -> List.copyOf(context.getRegistry().findByType(LoadListener.class)));
        RunSummary summary = new RunSummary();
        EtlSchemas schemas = new EtlSchemas(context, ds, dialect, settings, summary, listeners,
                progressInterval(context));
        // the default schema and account (warehouse.schema, camel.component.dataconnector.account-id)
        String accountId = defaultAccountId(context);
        JobPlanner planner = schemas.planner(null, accountId);
        WarehouseLoader loader = planner.loader();
        JobClaims claims = schemas.claims(null, accountId);
        EtlBeans beans = new EtlBeans(settings, ds, loader, planner, summary);
        context.getRegistry().bind("dcEtlBeans", beans);
        context.getRegistry().bind(WAREHOUSE, ds);
        context.getRegistry().bind(EtlSchemas.NAME, schemas);
        context.getRegistry().bind(JOB_REPOSITORY, claims);
        context.getRegistry().bind(LOADER, loader);
        context.getRegistry().bind(PLANNER, planner);
        context.getRegistry().bind(SUMMARY, summary);
        context.getRegistry().bind(SETTINGS, settings);
        context.getRegistry().bind(JOB_STEPS, new JobSteps(schemas, summary));
        context.getRegistry().bind(EXTRACT_READER, new ExtractReader(settings.maxUncompressedBytes(),
                loader.getDialect().loadsFromFile(),
                ds instanceof ReleasingDataSource releasing ? releasing::hold : () -> () -> {
                }));
        context.getRegistry().bind(DOWNLOAD_SPOOLER, new DownloadSpooler());
        context.getRegistry().bind(LOAD_EXECUTOR, LoadParallelism.executor(context, beans, loadThreads));
        context.getRegistry().bind(PollErrors.NAME, new PollErrors());
        if (context.getClassResolver().resolveClass("io.micrometer.core.instrument.MeterRegistry") != null
            && context.getClassResolver().resolveClass(
                    "org.apache.camel.component.micrometer.MicrometerConstants") != null) {
            // a LoadListener like any other: counts loads on the MeterRegistry of the registry, when there is one
            context.getRegistry().bind(LOAD_METRICS, MicrometerLoadMetrics.of(context));
        }
        LOG.info("Warehouse: {} ({}), schema {}", redactUrl(settings.warehouseUrl()), dialect.name(),
                settings.warehouse().schema());
        return beans;
    }

    /** @return the default instance's account id, or null when it is not set (e.g. only accounts.* are) */
    private static String defaultAccountId(CamelContext context) {
        try {
            return context.getPropertiesComponent().resolveProperty(DEFAULT_ACCOUNT_ID).orElse(null);
        } catch (RuntimeException unresolvable) {
            return null; // e.g. {{env:NAME}} of an unset variable: the default instance, if any, reports it
        }
    }

    /** The key of the time (ms) between two progress lines of a long table load. */
    static final String PROGRESS_INTERVAL = "warehouse.progress-interval";

    /**
     * @return {@value #PROGRESS_INTERVAL} (milliseconds), {@link WarehouseLoader#DEFAULT_PROGRESS_INTERVAL} when unset
     * @throws IllegalArgumentException when it is not a whole number of milliseconds &gt;= 0
     */
    static java.time.Duration progressInterval(CamelContext context) {
        String v = context.getPropertiesComponent().resolveProperty(PROGRESS_INTERVAL).orElse("").trim();
        if (v.isEmpty()) {
            return WarehouseLoader.DEFAULT_PROGRESS_INTERVAL;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms >= 0) {
                return java.time.Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PROGRESS_INTERVAL + " must be a whole number of milliseconds >= 0, not '"
                                           + v + "'");
    }

    /**
     * A HikariCP pool; for DuckDB one connection, released (the file's lock with it) {@link #DUCKDB_RELEASE_AFTER}
     * after its last use, so other processes can open the file between loads.
     */
    private static DataSource dataSource(EtlSettings settings, Dialect dialect, int loadThreads) throws Exception {
        String url = settings.warehouseUrl();
        if (dialect instanceof DuckDbDialect) {
            String file = url.substring("jdbc:duckdb:".length());
            int q = file.indexOf('?');
            file = q >= 0 ? file.substring(0, q) : file;
            if (!file.isEmpty() && !file.startsWith(":memory:")) {
                Path parent = Path.of(file).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("warehouse");
        cfg.setJdbcUrl(url);
        if (settings.warehouseUsername() != null && !settings.warehouseUsername().isBlank()) {
            cfg.setUsername(settings.warehouseUsername());
        }
        if (settings.warehousePassword() != null && !settings.warehousePassword().isBlank()) {
            cfg.setPassword(settings.warehousePassword());
        }
        // one DuckDB database file is opened once per process: one connection suffices for sequential loads
        // unset: a connection per load thread, plus the claims' heartbeat and the job steps' history reads
        int poolSize = settings.poolSize() > 0 ? settings.poolSize() : loadThreads + 2;
        cfg.setMaximumPoolSize(dialect instanceof DuckDbDialect ? 1 : poolSize);
        cfg.setMinimumIdle(0);
        cfg.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(cfg);
        return dialect instanceof DuckDbDialect ? new ReleasingDataSource(pool, DUCKDB_RELEASE_AFTER) : pool;
    }

    /** The URL without user-info or query parameters (which may carry a password). */
    static String redactUrl(String url) {
        int q = url.indexOf('?');
        String s = q >= 0 ? url.substring(0, q) + "?…" : url;
        return s.replaceAll("//[^/@]*@", "//***@");
    }
}
