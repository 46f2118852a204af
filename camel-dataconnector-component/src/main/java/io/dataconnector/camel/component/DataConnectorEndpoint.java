package io.dataconnector.camel.component;


import io.dataconnector.camel.component.api.DataConnectorClient;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Invoke any Data Connector API operation (requests, jobs, extract files) of Autodesk Construction Cloud / BIM 360, or
 * consume completed jobs: polled ({@code jobs}) or pushed by the API's completion callback ({@code callback}).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dataconnector", title = "ACC Data Connector",
             syntax = "dataconnector:operation", category = { Category.CLOUD, Category.API },
             headersClass = DataConnectorConstants.class)
public class DataConnectorEndpoint extends ScheduledPollEndpoint {

    /**
     * Default delay between two polls of the jobs consumer: 15 minutes. The API allows 60 calls a minute and at most 24
     * jobs a day, so polling more often only spends the call budget. Override it with {@code delay=...} (or use
     * {@code scheduler=quartz&scheduler.cron=...}).
     */
    public static final long DEFAULT_CONSUMER_DELAY = 15L * 60 * 1000;

    @UriParam
    private DataConnectorConfiguration configuration;

    private DataConnectorClient client;

    public DataConnectorEndpoint(String uri, DataConnectorComponent component, DataConnectorConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        // the ScheduledPollConsumer default (500 ms) would burn the API's 60 calls/min; URI options applied later win
        setDelay(DEFAULT_CONSUMER_DELAY);
    }

    @Override
    public Producer createProducer() throws Exception {
        if (configuration.getOperation().isConsumer()) {
            throw new IllegalArgumentException(
                    "dataconnector:" + configuration.getOperation() + " is a completed-job consumer and cannot be used"
                                               + " as a producer (in to()); use dataconnector:listJobs or"
                                               + " dataconnector:getJob to read jobs from a route");
        }
        return new DataConnectorProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() == DataConnectorOperation.callback) {
            DataConnectorCallbackConsumer consumer = new DataConnectorCallbackConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
        if (configuration.getOperation() != DataConnectorOperation.jobs) {
            throw new IllegalArgumentException("The dataconnector consumers (in from()) are dataconnector:jobs and"
                                               + " dataconnector:callback, not dataconnector:"
                                               + configuration.getOperation());
        }
        DataConnectorJobsConsumer consumer = new DataConnectorJobsConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
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
