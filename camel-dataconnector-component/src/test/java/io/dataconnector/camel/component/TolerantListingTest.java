package io.dataconnector.camel.component;

import java.util.List;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A listing returns every readable record: list fields as JSON-encoded strings are read, a broken record is skipped. */
class TolerantListingTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("dataconnector:listRequests?sort=asc");
            }
        };
    }

    @Test
    void aJsonStringListIsReadAndAnUnreadableRecordIsSkippedAndLogged() {
        SimRequest encoded = sim.seedRequest();
        SimRequest broken = sim.seedRequest();
        SimRequest plain = sim.seedRequest();
        sim.faults().enqueue(Fault.editResponse(page -> {
            ArrayNode results = (ArrayNode) page.get("results");
            ((ObjectNode) results.get(0)).put("serviceGroups", "[\"activities\",\"admin\"]");
            ((ObjectNode) results.get(0)).put("projectIdList", "[ \"p-1\", \"p-2\" ]");
            ((ObjectNode) results.get(1)).put("createdAt", "secret-looking-value");
        }).on(Operation.LIST_REQUESTS));

        List<DataRequest> requests;
        try (LogCapture log = new LogCapture("io.dataconnector.camel.component.api")) {
            Exchange result = template.request("direct:list", e -> { });

            assertThat(result.getException()).isNull();
            requests = result.getMessage().getBody(List.class);
            List<String> warnings = log.messages(Level.WARN);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("listRequests", "#1", broken.id(), "createdAt")
                    .doesNotContain("secret-looking-value").doesNotContain("\n");
        }

        assertThat(requests).extracting(DataRequest::getId).containsExactly(encoded.id(), plain.id());
        assertThat(requests.get(0).getServiceGroups()).containsExactly("activities", "admin");
        assertThat(requests.get(0).getProjectIdList()).containsExactly("p-1", "p-2");
    }
}
