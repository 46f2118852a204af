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

    @Metadata(label = "health", defaultValue = "30000", javaType = "long",
              description = "The health checks of one client and account reuse the outcome of a probe (one API call)"
                            + " for this many milliseconds, so frequent health reads cost at most one call per interval"
                            + " (the API allows 60 a minute). 0 probes on every health read.")
    private long healthProbeInterval = 30_000;

    private final ProbeOutcomes probeOutcomes = new ProbeOutcomes();

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
        probeOutcomes.clear();
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

    /** Runs a health probe of a client and account, or repeats one made less than healthProbeInterval ago. */
    void probe(DataConnectorClient client, String accountId, Runnable probe) {
        probeOutcomes.probe(client, accountId, healthProbeInterval, probe);
    }

    public long getHealthProbeInterval() {
        return healthProbeInterval;
    }

    public void setHealthProbeInterval(long healthProbeInterval) {
        this.healthProbeInterval = healthProbeInterval;
    }

    public DataConnectorConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DataConnectorConfiguration configuration) {
        this.configuration = configuration;
    }
}
