package io.dataconnector.camel.component;


import io.dataconnector.camel.component.api.DataConnectorClient;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Invoke any Data Connector API operation (requests, jobs, extract files) of Autodesk Construction Cloud / BIM 360, or
 * consume completed jobs.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dataconnector", title = "ACC Data Connector",
             syntax = "dataconnector:operation", category = { Category.CLOUD, Category.API },
             headersClass = DataConnectorConstants.class)
public class DataConnectorEndpoint extends DefaultEndpoint {

    @UriParam
    private DataConnectorConfiguration configuration;

    private DataConnectorClient client;

    public DataConnectorEndpoint(String uri, DataConnectorComponent component, DataConnectorConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new DataConnectorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException(
                "The dataconnector consumer (dataconnector:jobs) is not available in this version");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client == null) {
            client = getComponent().clientFor(configuration);
        }
    }

    @Override
    public DataConnectorComponent getComponent() {
        return (DataConnectorComponent) super.getComponent();
    }

    public DataConnectorConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DataConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    public DataConnectorClient getClient() {
        return client;
    }

    /** Lets tests and advanced users supply their own client (e.g. with a shared HTTP client). */
    public void setClient(DataConnectorClient client) {
        this.client = client;
    }
}
