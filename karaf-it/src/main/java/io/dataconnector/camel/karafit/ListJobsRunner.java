package io.dataconnector.camel.karafit;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import io.dataconnector.camel.component.DataConnectorComponent;
import io.dataconnector.camel.component.DataConnectorConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationException;

/** Owns the CamelContext: started once, when the settings and the components are both there. */
final class ListJobsRunner {

    private static final String[] KEYS = {"baseUrl", "accountId", "accessToken", "resultFile"};

    private final BundleContext bundleContext;
    private Map<String, String> settings;
    private boolean componentsReady;
    private CamelContext camel;

    ListJobsRunner(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
    }

    /** ConfigAdmin's view of the PID; {@code null} while it has no configuration. */
    synchronized void configure(Dictionary<String, ?> properties) throws ConfigurationException {
        if (properties == null) {
            return;
        }
        Map<String, String> read = new HashMap<>();
        for (String key : KEYS) {
            Object value = properties.get(key);
            if (value == null || value.toString().isBlank()) {
                throw new ConfigurationException(key, "missing in PID " + KarafItActivator.PID);
            }
            read.put(key, value.toString());
        }
        settings = read;
        startIfReady();
    }

    synchronized void componentsReady() {
        componentsReady = true;
        startIfReady();
    }

    synchronized void stop() {
        if (camel != null) {
            camel.stop();
            camel = null;
        }
    }

    private void startIfReady() {
        if (camel != null || settings == null || !componentsReady) {
            return;
        }
        CamelContext context = new OsgiDefaultCamelContext(bundleContext);
        context.getCamelContextExtension().setName("karaf-it");
        DataConnectorConfiguration connection = context.getComponent("dataconnector", DataConnectorComponent.class)
                .getConfiguration();
        connection.setBaseUrl(settings.get("baseUrl"));
        connection.setAccountId(settings.get("accountId"));
        connection.setAccessToken(settings.get("accessToken"));
        try {
            context.addRoutes(new ListJobsRoute(new ResultFile(Path.of(settings.get("resultFile")))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the list-jobs route", e);
        }
        context.start();
        camel = context;
    }
}
