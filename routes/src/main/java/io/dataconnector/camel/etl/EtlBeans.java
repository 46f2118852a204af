package io.dataconnector.camel.etl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataconnector.camel.etl.warehouse.Dialect;
import io.dataconnector.camel.etl.warehouse.DuckDbDialect;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the ETL's beans from the configuration and binds them in the registry: the warehouse {@code DataSource}
 * (HikariCP, also usable by camel-jdbc/camel-sql as {@code #warehouse}), the loader, the planner and the run summary.
 * The pool is closed when the CamelContext stops (which releases a DuckDB file's lock).
 */
public record EtlBeans(EtlSettings settings, HikariDataSource dataSource, WarehouseLoader loader, JobPlanner planner,
                       RunSummary summary) {

    private static final Logger LOG = LoggerFactory.getLogger(EtlBeans.class);

    public static EtlBeans bind(CamelContext context) throws Exception {
        EtlBeans existing = context.getRegistry().lookupByNameAndType("dcEtlBeans", EtlBeans.class);
        if (existing != null) {
            return existing;
        }
        EtlSettings settings = EtlSettings.from(context);
        Dialect dialect = Dialect.forUrl(settings.warehouseUrl(), settings.warehouse().batchSize());
        HikariDataSource ds = dataSource(settings, dialect);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                ds.close();
            }
        }, true, true);
        WarehouseLoader loader = new WarehouseLoader(ds, dialect, settings.warehouse());
        loader.initialize();
        RunSummary summary = new RunSummary();
        JobPlanner planner = new JobPlanner(loader, settings, summary);
        EtlBeans beans = new EtlBeans(settings, ds, loader, planner, summary);
        context.getRegistry().bind("dcEtlBeans", beans);
        context.getRegistry().bind("warehouse", ds);
        context.getRegistry().bind(EtlRoutes.JOB_REPOSITORY, jobRepository(ds));
        context.getRegistry().bind(EtlRoutes.LOADER, loader);
        context.getRegistry().bind(EtlRoutes.PLANNER, planner);
        context.getRegistry().bind(EtlRoutes.SUMMARY, summary);
        context.getRegistry().bind(EtlRoutes.SETTINGS, settings);
        LOG.info("Warehouse: {} ({}), schema {}", redactUrl(settings.warehouseUrl()), dialect.name(),
                settings.warehouse().schema());
        return beans;
    }

    /**
     * The consumer's idempotent repository (camel-sql, table CAMEL_MESSAGEPROCESSED). Its table is created here with
     * {@code CREATE TABLE IF NOT EXISTS} on an auto-commit connection: camel-sql's own check (a SELECT that fails, then
     * CREATE TABLE in the same transaction) cannot work on PostgreSQL, where the failed SELECT aborts the transaction.
     */
    static JdbcMessageIdRepository jobRepository(javax.sql.DataSource ds) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            s.execute("CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), "
                      + "messageId VARCHAR(100), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
        }
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(ds, "dataconnector-etl");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    private static HikariDataSource dataSource(EtlSettings settings, Dialect dialect) throws Exception {
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
        cfg.setMaximumPoolSize(dialect instanceof DuckDbDialect ? 1 : Math.max(1, settings.poolSize()));
        cfg.setMinimumIdle(0);
        cfg.setAutoCommit(true);
        return new HikariDataSource(cfg);
    }

    /** The URL without user-info or query parameters (which may carry a password). */
    static String redactUrl(String url) {
        int q = url.indexOf('?');
        String s = q >= 0 ? url.substring(0, q) + "?…" : url;
        return s.replaceAll("//[^/@]*@", "//***@");
    }
}
