package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Load one Data Connector extract table (a CSV with its schema) into a warehouse table, as a snapshot or as a window.
 * The body is a {@link LoadRequest}, or the CSV as an {@code InputStream}, {@code Path} or {@code File} with the job
 * identity in headers; the reply body is the {@link LoadResult}. One exchange per table, never per row.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dcwarehouse", title = "Data Connector warehouse",
             syntax = "dcwarehouse:schema", producerOnly = true, category = { Category.DATABASE },
             headersClass = WarehouseConstants.class)
public class WarehouseEndpoint extends DefaultEndpoint {

    /** Every table of a snapshot group is swapped whole; window groups are merged (by {@code windowTables}). */
    public static final String MODE_AUTO = "auto";
    public static final String MODE_SNAPSHOT = "snapshot";
    public static final String MODE_WINDOW = "window";

    @UriPath(description = "The warehouse schema holding the tables and the load history (created when missing).")
    @Metadata(required = true)
    private String schema;

    @UriParam(description = "The warehouse database. PostgreSQL and DuckDB URLs get their bulk paths (COPY, the"
                            + " DuckDB reader); any other JDBC database is loaded in batches.")
    @Metadata(required = true)
    private DataSource dataSource;

    @UriParam(defaultValue = "dc_load_history", description = "The load-history table (one row per job and file).")
    private String historyTable = "dc_load_history";

    @UriParam(defaultValue = MODE_AUTO, enums = "auto,snapshot,window",
              description = "snapshot: the table becomes this CSV (staging table, then swap); window: the CSV's rows"
                            + " are merged into the table by its key; auto: window for the tables matching"
                            + " windowTables, snapshot for the others.")
    private String mode = MODE_AUTO;

    @UriParam(defaultValue = WarehouseSettings.DEFAULT_WINDOWS,
              description = "Comma-separated table name patterns (* = any characters) loaded as windows in auto mode.")
    private String windowTables = WarehouseSettings.DEFAULT_WINDOWS;

    @UriParam(defaultValue = WarehouseSettings.SWAP_RENAME, enums = "rename,refill",
              description = "How a snapshot replaces the live table: rename (drop it, rename the staging table: fast)"
                            + " or refill (empty it and copy the staging rows in: keeps views, grants and indexes).")
    private String swap = WarehouseSettings.SWAP_RENAME;

    @UriParam(defaultValue = "false", description = "Add the lineage columns _dc_job_id and _dc_loaded_at to every"
                                                    + " table.")
    private boolean lineage;

    @UriParam(defaultValue = "1000", description = "Rows per batch for a database loaded through plain JDBC.")
    private int batchSize = 1000;

    @UriParam(description = "The ACC account the loaded extracts belong to, written in the account_id column of each"
                            + " load-history row (empty: none).")
    private String accountId;

    private volatile WarehouseLoader loader;

    public WarehouseEndpoint(String uri, WarehouseComponent component) {
        super(uri, component);
    }

    @Override
    public WarehouseComponent getComponent() {
        return (WarehouseComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new WarehouseProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("dcwarehouse: is a producer only (use it in to())");
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        loader();
    }

    /**
     * The loader of this endpoint, created on first use: the dialect comes from the database's JDBC URL, the schema
     * and the history table are created when missing.
     *
     * @throws IllegalArgumentException when the dataSource option is missing or an option is invalid
     * @throws java.sql.SQLException    when the warehouse cannot be reached
     */
    WarehouseLoader loader() throws java.sql.SQLException {
        WarehouseLoader l = loader;
        if (l == null) {
            synchronized (this) {
                if (loader == null) {
                    loader = createLoader();
                }
                l = loader;
            }
        }
        return l;
    }

    private WarehouseLoader createLoader() throws java.sql.SQLException {
        if (dataSource == null) {
            throw new IllegalArgumentException("dcwarehouse:" + schema + " needs the dataSource option (e.g."
                                               + " dataSource=#warehouse)");
        }
        WarehouseSettings settings = new WarehouseSettings(schema, historyTable, lineage, swap, batchSize,
                windowPatterns(), accountId);
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        }
        WarehouseLoader l = new WarehouseLoader(dataSource, Dialect.forUrl(url, batchSize), settings);
        l.setListener(new LoadListeners(
                () -> List.copyOf(getCamelContext().getRegistry().findByType(LoadListener.class))));
        l.initialize();
        return l;
    }

    private String windowPatterns() {
        return switch (mode == null ? MODE_AUTO : mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case MODE_AUTO -> windowTables;
            case MODE_SNAPSHOT -> "";
            case MODE_WINDOW -> "*";
            default -> throw new IllegalArgumentException("dcwarehouse mode must be auto, snapshot or window, not '"
                                                          + mode + "'");
        };
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getHistoryTable() {
        return historyTable;
    }

    public void setHistoryTable(String historyTable) {
        this.historyTable = historyTable;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getWindowTables() {
        return windowTables;
    }

    public void setWindowTables(String windowTables) {
        this.windowTables = windowTables;
    }

    public String getSwap() {
        return swap;
    }

    public void setSwap(String swap) {
        this.swap = swap;
    }

    public boolean isLineage() {
        return lineage;
    }

    public void setLineage(boolean lineage) {
        this.lineage = lineage;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
