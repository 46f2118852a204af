package io.dataconnector.camel.component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import ch.qos.logback.classic.Level;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** createRequest after an ambiguous failure: the request the server may have created is found, never duplicated. */
class CreateRequestSafetyTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("dataconnector:createRequest?maxRetries=2");
            }
        };
    }

    private static DataRequest nightly() {
        DataRequest request = new DataRequest();
        request.setDescription("nightly admin extract");
        request.setScheduleInterval("ONE_TIME");
        request.setEffectiveFrom(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        request.setServiceGroups(List.of("admin", "issues"));
        return request;
    }

    private Exchange create(DataRequest request) {
        return template.request("direct:create", e -> e.getMessage().setBody(request));
    }

    private void assertExactlyOneRequestReturnedBy(Exchange result) {
        assertThat(result.getException()).isNull();
        List<SimRequest> stored = sim.requests();
        assertThat(stored).as("exactly one data request exists").hasSize(1);
        assertThat(result.getMessage().getBody(DataRequest.class).getId()).isEqualTo(stored.get(0).id());
        assertThat(result.getMessage().getHeader(DataConnectorConstants.REQUEST_ID)).isEqualTo(stored.get(0).id());
    }

    @Test
    void createdThen504IsFoundAndNotSentAgain() {
        sim.faults().enqueue(Fault.status(504).message("Gateway Timeout").afterProcessing()
                .on(Operation.CREATE_REQUEST));

        try (LogCapture log = new LogCapture("io.dataconnector.camel.component.api")) {
            Exchange result = create(nightly());

            assertExactlyOneRequestReturnedBy(result);
            assertThat(log.messages(Level.INFO)).filteredOn(m -> m.contains("not sent again")).hasSize(1);
        }
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).as("one POST").hasSize(1);
        assertThat(sim.recordedRequests(Operation.LIST_REQUESTS)).hasSize(1);
    }

    @Test
    void createdThenConnectionDroppedIsFoundAndNotSentAgain() {
        sim.faults().enqueue(Fault.dropConnection().afterProcessing().on(Operation.CREATE_REQUEST));

        Exchange result = create(nightly());

        assertExactlyOneRequestReturnedBy(result);
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).as("one POST").hasSize(1);
    }

    @Test
    void anotherRequestWithOtherFieldsIsNotMistakenForIt() {
        DataRequest other = nightly();
        other.setServiceGroups(List.of("admin"));
        assertThat(create(other).getException()).isNull();
        sim.faults().enqueue(Fault.status(502).afterProcessing().on(Operation.CREATE_REQUEST));

        Exchange result = create(nightly());

        assertThat(result.getException()).isNull();
        DataRequest created = result.getMessage().getBody(DataRequest.class);
        assertThat(created.getServiceGroups()).containsExactlyInAnyOrder("admin", "issues");
        assertThat(sim.requests()).hasSize(2);
    }

    @Test
    void failedBeforeTheServerActedIsSentOnceMore() {
        sim.faults().enqueue(Fault.status(504).on(Operation.CREATE_REQUEST));

        Exchange result = create(nightly());

        assertExactlyOneRequestReturnedBy(result);
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).as("sent again once, after the check").hasSize(2);
    }

    @Test
    void whenTheCheckFailsTheErrorSaysTheRequestMayExist() {
        sim.faults().enqueue(Fault.status(500).message("upstream exploded").afterProcessing()
                .on(Operation.CREATE_REQUEST));
        sim.faults().enqueue(Fault.status(403).message("listing not allowed").on(Operation.LIST_REQUESTS));

        Exchange result = create(nightly());

        assertThat(result.getException()).isInstanceOfSatisfying(DataConnectorException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(500);
            assertThat(e.getOperation()).isEqualTo("createRequest");
            assertThat(e.getMessage()).contains("HTTP 500", "createRequest", "upstream exploded", "MAY EXIST",
                    "listing not allowed");
        });
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).as("never re-sent blindly").hasSize(1);
    }

    @Test
    void throttlingIsStillRetriedBecauseTheServerDidNotAct() {
        sim.faults().enqueue(Fault.tooManyRequests("0").on(Operation.CREATE_REQUEST));

        Exchange result = create(nightly());

        assertExactlyOneRequestReturnedBy(result);
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).hasSize(2);
        assertThat(sim.recordedRequests(Operation.LIST_REQUESTS)).isEmpty();
    }
}
