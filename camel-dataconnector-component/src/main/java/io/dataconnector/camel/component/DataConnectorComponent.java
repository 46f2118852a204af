package io.dataconnector.camel.component;

import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorClient;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code dataconnector:} component: endpoints for every operation of the ACC / BIM 360 Data Connector API, and a
 * polling consumer of completed jobs. Each running consumer and producer registers a {@link DataConnectorApiHealthCheck}
 * (switch off with healthCheckConsumerEnabled / healthCheckProducerEnabled).
 */
@Component("dataconnector")
public class DataConnectorComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "Component-wide configuration, copied to every endpoint (URI options override it).")
    private DataConnectorConfiguration configuration = new DataConnectorConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSL configuration (e.g. camel.ssl.* in Camel Main) when an"
                            + " endpoint has no sslContextParameters of its own.")
    private boolean useGlobalSslContextParameters;

    private DataConnectorClientFactory clients;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DataConnectorConfiguration endpointConfiguration = configuration.copy();
        try {
            endpointConfiguration.setOperation(DataConnectorOperation.of(remaining));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (endpoint dataconnector:" + remaining + ")", e);
        }
        DataConnectorEndpoint endpoint = new DataConnectorEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getSslContextParameters() == null && useGlobalSslContextParameters) {
            endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    /** The shared client for an endpoint configuration (see {@link DataConnectorClientFactory}). */
    DataConnectorClient clientFor(DataConnectorConfiguration endpointConfiguration) {
        synchronized (this) {
            if (clients == null) {
                clients = new DataConnectorClientFactory(getCamelContext());
            }
        }
        return clients.clientFor(endpointConfiguration);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (clients != null) {
                clients.clear();
            }
        }
        super.doStop();
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public DataConnectorConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DataConnectorConfiguration configuration) {
        this.configuration = configuration;
    }
}
