package io.dataconnector.camel.component;

import java.time.Duration;
import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With bridgeErrorHandler=true, failures outside an exchange reach the route's error handler. */
class ConsumerErrorBridgeTest extends JobsConsumerTestSupport {

    private static RouteBuilder bridged(String repository) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").disableRedelivery());
                from("dataconnector:jobs?bridgeErrorHandler=true&initialDelay=0&delay=200&idempotentRepository=#"
                     + repository)
                        .routeId("jobs").to("mock:jobs");
            }
        };
    }

    private static Throwable caught(Exchange exchange) {
        Throwable e = exchange.getException();
        return e != null ? e : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    @Test
    void aPollThatCannotListJobsGoesToTheErrorHandler() throws Exception {
        sim.faults().enqueue(Fault.status(403).message("Invalid user access level for the specified projects/account")
                .on(Operation.LIST_JOBS));
        CamelContext context = startCamel(Map.of("repo", new MemoryIdempotentRepository()), bridged("repo"));
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);

        dead.setMinimumExpectedMessageCount(1);
        dead.assertIsSatisfied(Duration.ofSeconds(10).toMillis());

        assertThat(caught(dead.getReceivedExchanges().get(0))).isInstanceOfSatisfying(DataConnectorException.class,
                e -> assertThat(e.getMessage()).contains("HTTP 403", "listJobs", "Invalid user access level"));
    }

    @Test
    void aFailingIdempotentRepositoryGoesToTheErrorHandler() throws Exception {
        sim.seedCompleteSuccessJob();
        MemoryIdempotentRepository broken = new MemoryIdempotentRepository() {
            @Override
            public boolean contains(String key) {
                throw new IllegalStateException("repository database is down");
            }
        };
        CamelContext context = startCamel(Map.of("broken", broken), bridged("broken"));
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);

        dead.setMinimumExpectedMessageCount(1);
        dead.assertIsSatisfied(Duration.ofSeconds(10).toMillis());

        assertThat(caught(dead.getReceivedExchanges().get(0))).hasMessageContaining("repository database is down");
        assertThat(context.getEndpoint("mock:jobs", MockEndpoint.class).getReceivedCounter()).isZero();
    }
}
