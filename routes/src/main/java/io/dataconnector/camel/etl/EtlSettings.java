package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The ETL's own configuration keys ({@code etl.*}, {@code warehouse.*}), resolved through Camel's properties component
 * so every key can come from {@code config/application*.properties}, a {@code -D} system property or an environment
 * variable ({@code warehouse.url} → {@code WAREHOUSE_URL}).
 *
 * @param maxAttempts      {@code etl.max-attempts}: failed attempts (counted in the load history) after which a table
 *                         or a job is quarantined
 * @param claimLeaseMillis {@code etl.claim-lease} (ms): how long a job claim outlives its owner's last heartbeat
 * @param rearm            {@code etl.rearm}: {@code <job>:<file>} or {@code <job>} items (comma-separated) re-armed at
 *                         startup, or empty
 */
public record EtlSettings(String warehouseUrl, String warehouseUsername, String warehousePassword, int poolSize,
                          WarehouseSettings warehouse, TableFilter tables, String fetch, Path workDir,
                          long maxUncompressedBytes, boolean once, int maxAttempts, long claimLeaseMillis,
                          String rearm) {

    public static final String FETCH_ZIP = "zip";
    public static final String FETCH_FILES = "files";

    public static EtlSettings from(CamelContext context) {
        PropertiesComponent p = context.getPropertiesComponent();
        String url = p.resolveProperty("warehouse.url").orElseThrow(
                () -> new IllegalArgumentException("warehouse.url is not set"));
        WarehouseSettings wh = new WarehouseSettings(
                get(p, "warehouse.schema", "dataconnector"),
                get(p, "warehouse.history-table", "dc_load_history"),
                Boolean.parseBoolean(get(p, "warehouse.lineage", "false")),
                get(p, "warehouse.swap", WarehouseSettings.SWAP_RENAME),
                Integer.parseInt(get(p, "warehouse.batch-size", "1000")),
                get(p, "warehouse.window-tables", WarehouseSettings.DEFAULT_WINDOWS));
        String fetch = get(p, "etl.fetch", FETCH_ZIP).toLowerCase(Locale.ROOT);
        if (!fetch.equals(FETCH_ZIP) && !fetch.equals(FETCH_FILES)) {
            throw new IllegalArgumentException("etl.fetch must be zip or files, not '" + fetch + "'");
        }
        return new EtlSettings(url, p.resolveProperty("warehouse.username").orElse(null),
                p.resolveProperty("warehouse.password").orElse(null),
                Integer.parseInt(get(p, "warehouse.pool-size", "0")), wh,
                new TableFilter(get(p, "etl.include", "*"), get(p, "etl.exclude", "")), fetch,
                Path.of(get(p, "etl.work-dir", System.getProperty("java.io.tmpdir") + "/dataconnector-etl")),
                Long.parseLong(get(p, "etl.max-uncompressed-bytes", "21474836480")),
                Boolean.parseBoolean(get(p, "etl.once", "false")),
                positive("etl.max-attempts", get(p, "etl.max-attempts", "3")),
                positive("etl.claim-lease", get(p, "etl.claim-lease", "120000")),
                get(p, "etl.rearm", ""));
    }

    private static int positive(String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of at least 1, not '" + value + "'");
    }

    private static String get(PropertiesComponent p, String key, String defaultValue) {
        return p.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultValue);
    }

    @Override
    public String toString() {
        // never the password
        return "EtlSettings[warehouse=" + warehouseUrl + ", schema=" + warehouse.schema() + ", tables=" + tables
               + ", fetch=" + fetch + ", workDir=" + workDir + ", once=" + once + ", maxAttempts=" + maxAttempts
               + ", claimLease=" + claimLeaseMillis + "]";
    }
}
