package io.dataconnector.camel.etl.warehouse;

/**
 * How extracts land in the warehouse.
 *
 * @param schema        the schema holding the tables and the history (validated identifier)
 * @param historyTable  the load-history table name (validated identifier)
 * @param lineage       add {@code _dc_job_id} and {@code _dc_loaded_at} columns to every table
 * @param swap          {@code rename}: drop the live table and rename the staging table (fast; dependent views must
 *                      be recreated), {@code refill}: empty the live table and refill it from the staging table
 *                      (keeps views, grants and indexes). DDL that is not transactional always refills.
 * @param batchSize     rows per batch for the generic JDBC dialect
 * @param windowTables  comma-separated table name patterns ({@code *} = any characters) loaded as windows
 *                      ({@link LoadMode#WINDOW}); every other table is a snapshot. Default {@value #DEFAULT_WINDOWS}
 * @param accountId     the ACC account the loaded extracts belong to, written in the {@code account_id} column of every
 *                      history row; null when unknown
 */
public record WarehouseSettings(String schema, String historyTable, boolean lineage, String swap, int batchSize,
                                String windowTables, String accountId) {

    /** The date-range groups: activities and the delta (CDC) groups. */
    public static final String DEFAULT_WINDOWS = "activities_*,cdc*";

    public static final String SWAP_RENAME = "rename";
    public static final String SWAP_REFILL = "refill";

    public WarehouseSettings {
        schema = Identifiers.validate("warehouse.schema", schema);
        historyTable = Identifiers.validate("warehouse.history-table", historyTable);
        swap = swap == null || swap.isBlank() ? SWAP_RENAME : swap.trim().toLowerCase(java.util.Locale.ROOT);
        if (!swap.equals(SWAP_RENAME) && !swap.equals(SWAP_REFILL)) {
            throw new IllegalArgumentException("warehouse.swap must be rename or refill, not '" + swap + "'");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("warehouse.batch-size must be >= 1");
        }
        windowTables = windowTables == null ? DEFAULT_WINDOWS : windowTables.trim();
        accountId = accountId == null || accountId.isBlank() ? null : accountId.trim();
    }

    public WarehouseSettings(String schema, String historyTable, boolean lineage, String swap, int batchSize,
                             String windowTables) {
        this(schema, historyTable, lineage, swap, batchSize, windowTables, null);
    }

    /** @return these settings for another schema and account (e.g. one account's schema of a multi-account ETL) */
    public WarehouseSettings forAccount(String schema, String accountId) {
        return new WarehouseSettings(schema, historyTable, lineage, swap, batchSize, windowTables, accountId);
    }

    public WarehouseSettings(String schema, String historyTable, boolean lineage, String swap, int batchSize) {
        this(schema, historyTable, lineage, swap, batchSize, DEFAULT_WINDOWS);
    }

    /** @return how a table is loaded: a window when its name matches {@link #windowTables()}, else a snapshot */
    public LoadMode modeOf(String table) {
        return WINDOW_PATTERNS.computeIfAbsent(windowTables, WarehouseSettings::windowPattern).matcher(table).matches()
                ? LoadMode.WINDOW : LoadMode.SNAPSHOT;
    }

    /** The compiled {@link #windowTables()} patterns (compiling them for each table cost ~0.3 ms a table, JFR). */
    private static final java.util.Map<String, java.util.regex.Pattern> WINDOW_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static java.util.regex.Pattern windowPattern(String windowTables) {
        StringBuilder any = new StringBuilder();
        for (String p : windowTables.split(",")) {
            String glob = p.trim().toLowerCase(java.util.Locale.ROOT);
            if (!glob.isEmpty()) {
                any.append(any.length() == 0 ? "" : "|")
                        .append(java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q"));
            }
        }
        return java.util.regex.Pattern.compile(any.length() == 0 ? "(?!)" : any.toString());
    }

    public static WarehouseSettings defaults(String schema) {
        return new WarehouseSettings(schema, "dc_load_history", false, SWAP_RENAME, 1000);
    }
}
