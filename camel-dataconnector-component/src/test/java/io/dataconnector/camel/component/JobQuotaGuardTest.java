package io.dataconnector.camel.component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** createRequest counts the account's jobs of the last 24 h first and refuses the one that would exceed 24. */
class JobQuotaGuardTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:create").to("dataconnector:createRequest");
                from("direct:createUnchecked").to("dataconnector:createRequest?dailyJobQuota=0");
            }
        };
    }

    private static DataRequest oneTime(String description) {
        DataRequest request = new DataRequest();
        request.setDescription(description);
        request.setScheduleInterval("ONE_TIME");
        request.setEffectiveFrom(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        request.setServiceGroups(List.of("admin"));
        return request;
    }

    private Exchange create(String endpoint, String description) {
        return template.request(endpoint, e -> e.getMessage().setBody(oneTime(description)));
    }

    @Test
    void the25thJobOfTheDayIsRefusedBeforeSending() {
        SimRequest seeded = sim.seedRequest();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant oldest = now.minus(Duration.ofHours(20));
        sim.seedCompletedJob(seeded.id(), "success", oldest);
        for (int i = 1; i < 23; i++) {
            sim.seedCompletedJob(seeded.id(), "success", now.minus(Duration.ofMinutes(30 + i)));
        }
        sim.seedCompletedJob(seeded.id(), "success", now.minus(Duration.ofHours(30))); // outside the window

        Exchange the24th = create("direct:create", "job 24");
        assertThat(the24th.getException()).isNull();
        int postsBefore = sim.recordedRequests(Operation.CREATE_REQUEST).size();

        Exchange the25th = create("direct:create", "job 25");

        assertThat(the25th.getException()).isInstanceOfSatisfying(DataConnectorException.class, e -> assertThat(
                e.getMessage()).contains("createRequest", "refused before sending", "24 jobs", "quota is 24",
                oldest.plus(Duration.ofHours(24)).toString(), "dailyJobQuota"));
        assertThat(sim.recordedRequests(Operation.CREATE_REQUEST)).as("nothing sent").hasSize(postsBefore);
    }

    @Test
    void theCheckCanBeTurnedOff() {
        sim.setJobQuota(100);
        SimRequest seeded = sim.seedRequest();
        for (int i = 0; i < 24; i++) {
            sim.seedCompletedJob(seeded.id(), "success", Instant.now().minus(Duration.ofMinutes(10 + i)));
        }

        assertThat(create("direct:create", "refused").getException()).isNotNull();
        Exchange unchecked = create("direct:createUnchecked", "sent anyway");

        assertThat(unchecked.getException()).isNull();
        assertThat(sim.recordedRequests(Operation.LIST_JOBS)).as("only the checked call counted").hasSize(1);
    }
}
