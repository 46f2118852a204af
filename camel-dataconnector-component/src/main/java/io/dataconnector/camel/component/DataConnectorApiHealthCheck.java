package io.dataconnector.camel.component;

import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.DataConnectorException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether an endpoint can use the Data Connector API now: a token is obtainable and a cheap call (one job listed)
 * answers. DOWN with the one-line error (status, operation, API text; never a token) otherwise. A probe costs one API
 * call of the client's budget and is not retried; its outcome is shared by the client's checks of one account for the
 * component's healthProbeInterval (default 30 s).
 */
public class DataConnectorApiHealthCheck extends AbstractHealthCheck {

    private final DataConnectorEndpoint endpoint;

    /**
     * @param endpoint the endpoint whose client and account are checked
     * @param id       the check's id, e.g. {@code dataconnector-consumer-<routeId>}
     */
    public DataConnectorApiHealthCheck(DataConnectorEndpoint endpoint, String id) {
        super("camel", id);
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DataConnectorConfiguration configuration = endpoint.getConfiguration();
        builder.detail("account.id", configuration.getAccountId());
        builder.detail("base.url", configuration.getBaseUrl());
        if (endpoint.getClient() == null) {
            builder.down().message("The endpoint is not started");
            return;
        }
        try {
            DataConnectorClient client = endpoint.getClient();
            endpoint.getComponent().probe(client, configuration.getAccountId(),
                    () -> client.ping(configuration.getAccountId()));
            builder.up();
        } catch (DataConnectorException e) {
            builder.down().message(e.getMessage());
            if (e.getStatusCode() > 0) {
                builder.detail(HTTP_RESPONSE_CODE, e.getStatusCode());
            }
        } catch (RuntimeException e) {
            builder.down().message(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
