package io.dataconnector.camel.component;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * A health check registered with the CamelContext's health-check registry while its consumer or producer runs.
 * Nothing is registered when the context has no registry (camel-health absent).
 */
final class HealthCheckRegistration {

    private final HealthCheckRegistry registry;
    private final HealthCheck check;

    private HealthCheckRegistration(HealthCheckRegistry registry, HealthCheck check) {
        this.registry = registry;
        this.check = check;
    }

    /**
     * @return the registration, or null when the context has no health-check registry or a check of the same id is
     *         registered already (two producers of one operation and account check the same thing)
     */
    static HealthCheckRegistration register(CamelContext context, HealthCheck check, boolean enabled) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null || registry.getCheck(check.getId()).isPresent()) {
            return null;
        }
        check.setEnabled(enabled);
        registry.register(check);
        return new HealthCheckRegistration(registry, check);
    }

    void unregister() {
        registry.unregister(check);
    }
}
