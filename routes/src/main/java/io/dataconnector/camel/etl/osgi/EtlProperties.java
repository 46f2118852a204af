package io.dataconnector.camel.etl.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The ETL's settings inside Karaf: the keys of the ConfigAdmin PID {@value #PID} (the same keys as the standalone
 * ETL's {@code config/application.properties}: {@code camel.component.dataconnector.*}, {@code warehouse.*},
 * {@code etl.*}) turned into the Camel properties the routes and beans read.
 * <p>
 * Differences from the standalone launcher: the warehouse is the {@code javax.sql.DataSource} OSGi service whose
 * {@code dataSourceName} is {@value #DATA_SOURCE_NAME} (default {@value #DEFAULT_DATA_SOURCE_NAME}), so
 * {@code warehouse.url/username/password/pool-size} are not read; the mode is always continuous (the completed-job
 * consumer polls on {@code etl.cron}, Quartz).
 */
public final class EtlProperties {

    /** The ConfigAdmin PID of the ETL ({@code etc/io.dataconnector.etl.cfg}). */
    public static final String PID = "io.dataconnector.etl";
    /** The {@code dataSourceName} service property of the warehouse DataSource (pax-jdbc-config sets it). */
    public static final String DATA_SOURCE_NAME = "warehouse.data-source-name";
    public static final String DEFAULT_DATA_SOURCE_NAME = "dataconnector-warehouse";
    /** The account the template instance loads (required). */
    public static final String ACCOUNT_ID = "camel.component.dataconnector.account-id";

    /** Keys ConfigAdmin and fileinstall add to every PID: not ETL settings. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename");
    private static final Set<String> IGNORED_WAREHOUSE_KEYS = Set.of("warehouse.url", "warehouse.username",
            "warehouse.password", "warehouse.pool-size");

    private EtlProperties() {
    }

    /**
     * The PID's settings as strings, framework keys left out.
     *
     * @throws IllegalArgumentException when {@value #ACCOUNT_ID} or {@code etl.cron} is missing or blank, naming the
     *                                  key and the PID
     */
    public static Map<String, String> fromPid(Dictionary<String, ?> pid) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : Collections.list(pid.keys())) {
            Object value = pid.get(key);
            if (!FRAMEWORK_KEYS.contains(key) && value != null) {
                settings.put(key, value.toString().trim());
            }
        }
        require(settings, ACCOUNT_ID);
        if (settings.containsKey("etl.cron")) {
            require(settings, "etl.cron");
        }
        return Map.copyOf(settings);
    }

    /** The keys given that have no effect in Karaf (the DataSource service replaces them), for a warning. */
    public static Set<String> ignoredKeys(Map<String, String> settings) {
        return settings.keySet().stream().filter(IGNORED_WAREHOUSE_KEYS::contains)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The OSGi filter of the warehouse DataSource service, by {@value #DATA_SOURCE_NAME}. */
    public static String dataSourceFilter(Map<String, String> settings) {
        String name = settings.getOrDefault(DATA_SOURCE_NAME, "");
        if (name.isBlank()) {
            name = DEFAULT_DATA_SOURCE_NAME;
        }
        return "(&(objectClass=javax.sql.DataSource)(dataSourceName=" + escape(name) + "))";
    }

    /**
     * The Camel properties: the built-in {@code etl-defaults.properties}, then the PID's settings, then the values
     * this runtime fixes: {@code warehouse.url} (the DataSource's JDBC URL, which chooses the SQL dialect),
     * {@code etl.once=false} and {@code etl.schedule} (Quartz on {@code etl.cron}).
     *
     * @param warehouseUrl the JDBC URL the warehouse DataSource reports ({@code DatabaseMetaData.getURL()})
     */
    public static Properties camelProperties(Map<String, String> settings, String warehouseUrl) {
        Properties properties = new Properties();
        try (InputStream in = EtlProperties.class.getResourceAsStream("/etl-defaults.properties")) {
            if (in == null) {
                throw new IllegalStateException("etl-defaults.properties is missing from the ETL bundle");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read etl-defaults.properties", e);
        }
        properties.putAll(settings);
        properties.setProperty("warehouse.url", warehouseUrl);
        properties.setProperty("etl.once", "false");
        properties.setProperty("etl.schedule", "scheduler=quartz&scheduler.cron="
                + properties.getProperty("etl.cron").trim().replace(' ', '+'));
        return properties;
    }

    private static void require(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set in PID " + PID);
        }
    }

    /** RFC 4515 escaping of a filter value. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
