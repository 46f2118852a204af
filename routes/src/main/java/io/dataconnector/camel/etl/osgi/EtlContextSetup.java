package io.dataconnector.camel.etl.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import io.dataconnector.camel.etl.EtlBeans;
import io.dataconnector.camel.etl.JobRearm;
import io.dataconnector.camel.etl.warehouse.WarehouseComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Sets up a new CamelContext as the ETL without Camel Main: properties from the settings, the
 * {@code camel.component.dataconnector.*} options on the component, the {@code dcwarehouse} component, the ETL's
 * beans on the given DataSource, and the YAML routes (steps, the {@code dataconnector-etl} template and its one
 * instance) read from this bundle, since classpath pattern scanning does not work in OSGi.
 */
public final class EtlContextSetup {

    /** The routes, in this order (the instance refers to the template, the template to the steps). */
    static final List<String> ROUTES = List.of("routes/etl-steps.yaml", "routes/etl-template.yaml",
            "routes/etl-instance.yaml");

    private EtlContextSetup() {
    }

    /**
     * Configures {@code context} (not started yet; the caller starts and stops it).
     *
     * @param settings  the PID's settings ({@link EtlProperties#fromPid})
     * @param warehouse the warehouse DataSource, owned by the caller
     * @throws IllegalArgumentException for a bad setting (the key is named)
     * @throws SQLException             when the DataSource gives no connection
     */
    public static void configure(CamelContext context, Map<String, String> settings, DataSource warehouse)
            throws Exception {
        Properties properties = EtlProperties.camelProperties(settings, jdbcUrl(warehouse));
        context.getCamelContextExtension().setName(properties.getProperty("camel.main.name", "dataconnector-etl"));
        context.setStreamCaching(false);
        context.getShutdownStrategy().setTimeout(
                Long.parseLong(properties.getProperty("camel.main.shutdown-timeout", "30").trim()));
        context.getPropertiesComponent().setInitialProperties(properties);
        ComponentOptions.apply(context, settings);
        context.addComponent("dcwarehouse", new WarehouseComponent());
        EtlBeans.bind(context, warehouse);
        JobRearm.apply(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(routes().toArray(Resource[]::new));
    }

    /** The JDBC URL the DataSource reports, which chooses the SQL dialect. */
    static String jdbcUrl(DataSource warehouse) throws SQLException {
        try (Connection connection = warehouse.getConnection()) {
            return connection.getMetaData().getURL();
        }
    }

    private static List<Resource> routes() throws IOException {
        List<Resource> resources = new ArrayList<>();
        for (String name : ROUTES) {
            try (InputStream in = EtlContextSetup.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the ETL bundle");
                }
                resources.add(ResourceHelper.fromBytes(name, in.readAllBytes()));
            }
        }
        return resources;
    }
}
