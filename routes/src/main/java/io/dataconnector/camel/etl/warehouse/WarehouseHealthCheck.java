package io.dataconnector.camel.etl.warehouse;

import java.sql.Connection;
import java.util.Map;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code dcwarehouse:} endpoint: a connection from its DataSource answers {@code isValid} within 5
 * seconds. Down with the database's error message (never its URL, which may carry a password).
 */
public class WarehouseHealthCheck extends AbstractHealthCheck {

    static final int TIMEOUT_SECONDS = 5;

    private final WarehouseEndpoint endpoint;

    public WarehouseHealthCheck(WarehouseEndpoint endpoint) {
        super("dcwarehouse", "dcwarehouse-" + endpoint.getSchema());
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false; // a database outage is not a reason to restart the process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("schema", endpoint.getSchema());
        try (Connection c = endpoint.getDataSource().getConnection()) {
            if (c.isValid(TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.message("the warehouse connection is not valid").down();
            }
        } catch (Exception e) {
            builder.message("the warehouse is unreachable: " + e.getMessage()).error(e).down();
        }
    }

    /** A registration with the context's health-check registry, or null when there is none or it is registered. */
    static Registration register(WarehouseEndpoint endpoint) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        WarehouseHealthCheck check = new WarehouseHealthCheck(endpoint);
        if (registry == null || !endpoint.getComponent().isHealthCheckProducerEnabled()
            || registry.getCheck(check.getId()).isPresent()) {
            return null;
        }
        registry.register(check);
        return new Registration(registry, check);
    }

    record Registration(HealthCheckRegistry registry, WarehouseHealthCheck check) {
        void unregister() {
            registry.unregister(check);
        }
    }
}
