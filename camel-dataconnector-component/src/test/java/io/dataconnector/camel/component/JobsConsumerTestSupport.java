package io.dataconnector.camel.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.awaitility.Awaitility.await;

/**
 * A simulator on loopback and any number of CamelContexts (e.g. two instances, or one restarted) whose
 * {@code dataconnector} component points at it. Waits are expressed in API calls the simulator received (polls).
 */
abstract class JobsConsumerTestSupport {

    protected DataConnectorSimulator sim;
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void startSimulator() {
        sim = DataConnectorSimulator.builder().instantJobs().build().start();
    }

    @AfterEach
    void stopAll() {
        contexts.forEach(CamelContext::stop);
        contexts.clear();
        if (sim != null) {
            sim.close();
        }
    }

    protected CamelContext startCamel(Map<String, Object> beans, RouteBuilder... routes) throws Exception {
        CamelContext context = createCamel(beans, routes);
        context.start();
        return context;
    }

    /** A context set up like {@link #startCamel} but not started (to create a NotifyBuilder first). */
    protected CamelContext createCamel(Map<String, Object> beans, RouteBuilder... routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        DataConnectorComponent component = new DataConnectorComponent();
        DataConnectorConfiguration configuration = component.getConfiguration();
        configuration.setBaseUrl(sim.baseUrl());
        configuration.setAccountId(sim.accountId());
        configuration.setAccessToken(sim.defaultAccessToken());
        configuration.setRetryDelay(50);
        configuration.setCallsPerMinute(100_000);
        context.addComponent("dataconnector", component);
        beans.forEach((name, bean) -> context.getRegistry().bind(name, bean));
        for (RouteBuilder route : routes) {
            context.addRoutes(route);
        }
        contexts.add(context);
        return context;
    }

    protected void stopCamel(CamelContext context) {
        context.stop();
        contexts.remove(context);
    }

    protected static RouteBuilder route(String from, String to) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        };
    }

    /** Number of job listings (polls, one per page) the simulator has answered so far. */
    protected int jobListings() {
        return sim.recordedRequests("GET", "/jobs$").size();
    }

    /** Waits until the consumers have made {@code polls} more listings than now: the negative assertion's window. */
    protected void awaitMoreListings(int polls) {
        int target = jobListings() + polls;
        await().atMost(Duration.ofSeconds(10)).until(() -> jobListings() >= target);
    }

    protected static void awaitCount(Supplier<Integer> count, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count.get() >= expected);
    }

    protected static List<String> jobIds(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(DataConnectorConstants.JOB_ID, String.class)).toList();
    }
}
