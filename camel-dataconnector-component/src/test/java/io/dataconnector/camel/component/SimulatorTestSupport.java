package io.dataconnector.camel.component;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator on loopback and a CamelContext whose {@code dataconnector} component points at it, with the routes a
 * test declares in {@link #routes()}.
 */
abstract class SimulatorTestSupport {

    protected DataConnectorSimulator sim;
    protected CamelContext context;
    protected ProducerTemplate template;

    protected DataConnectorSimulator.Builder simulator() {
        return DataConnectorSimulator.builder().instantJobs();
    }

    /** Connection settings every endpoint of the test gets; override to use other credentials. */
    protected void configure(DataConnectorComponent component) {
        DataConnectorConfiguration configuration = component.getConfiguration();
        configuration.setBaseUrl(sim.baseUrl());
        configuration.setAccountId(sim.accountId());
        configuration.setAccessToken(sim.defaultAccessToken());
        configuration.setRetryDelay(50);
    }

    protected abstract RouteBuilder routes();

    /** Called with the new CamelContext before routes are added, e.g. to bind beans the routes refer to. */
    protected void beforeStart(CamelContext camelContext) {
    }

    @BeforeEach
    void startSimulatorAndCamel() throws Exception {
        sim = simulator().build().start();
        startCamel();
    }

    protected void startCamel() throws Exception {
        context = new DefaultCamelContext();
        DataConnectorComponent component = new DataConnectorComponent();
        configure(component);
        context.addComponent("dataconnector", component);
        beforeStart(context);
        context.addRoutes(routes());
        context.start();
        template = context.createProducerTemplate();
    }

    protected void stopCamel() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }

    @AfterEach
    void stopCamelAndSimulator() {
        stopCamel();
        if (sim != null) {
            sim.close();
        }
    }
}
