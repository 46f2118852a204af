package io.dataconnector.camel.component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dataconnector dev console shows the figures an operator needs and no secret. */
class DataConnectorDevConsoleTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?initialDelay=0&delay=3600000&idempotentRepository=#class:"
                     + "org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository")
                        .routeId("completed-jobs").to("mock:jobs");
                from("direct:getJob").to("dataconnector:getJob?maxRetries=1");
            }
        };
    }

    private SimJob recent;

    /** The jobs exist before the consumer's one poll (initialDelay=0): seeded after the start, a poll could miss them. */
    @Override
    protected void beforeStart(CamelContext camelContext) {
        SimRequest request = sim.seedRequest();
        sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofHours(30)));
        recent = sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofHours(1)));
        sim.seedCompletedJob(request.id(), "success", Instant.now().minus(Duration.ofHours(2)));
    }

    @Test
    void textAndJsonShowCallsRetriesConsumerAndQuotaButNoSecret() throws Exception {
        MockEndpoint jobs = context.getEndpoint("mock:jobs", MockEndpoint.class);
        jobs.expectedMinimumMessageCount(3);
        jobs.assertIsSatisfied(10_000);
        sim.faults().enqueue(Fault.tooManyRequests("0").on("GET", ".*/jobs/" + recent.id()));
        assertThat(template.request("direct:getJob", e -> e.getMessage()
                .setHeader(DataConnectorConstants.JOB_ID, recent.id())).getException()).isNull();

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("dataconnector");
        assertThat(console).as("resolved from the generated service file").isNotNull();
        String text = (String) console.call(DevConsole.MediaType.TEXT, Map.of());
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of());

        JsonObject getJob = ((JsonArray) json.get("endpoints")).stream().map(JsonObject.class::cast)
                .filter(e -> "dataconnector://getJob".equals(e.get("uri"))).findFirst().orElseThrow();
        assertThat(getJob.get("accountId")).isEqualTo(sim.accountId());
        assertThat(getJob.get("authMode")).isEqualTo("static access token");
        assertThat(getJob.get("retries")).isEqualTo(1L);
        assertThat(getJob.get("throttled")).isEqualTo(1L);
        assertThat(getJob.get("callsPerMinute")).isEqualTo(60);
        assertThat((Integer) getJob.get("callsLastMinute")).isGreaterThanOrEqualTo(3);
        JsonObject consumer = (JsonObject) ((JsonArray) json.get("consumers")).get(0);
        assertThat(consumer.get("routeId")).isEqualTo("completed-jobs");
        assertThat(consumer.get("jobsClaimed")).as("the 30 h old job is within lookBack").isEqualTo(3L);
        assertThat(consumer.get("lastPollAt")).isNotNull();
        JsonObject account = (JsonObject) ((JsonArray) json.get("accounts")).get(0);
        assertThat(account.get("jobsLast24h")).isEqualTo(2);
        assertThat(account.get("dailyJobQuota")).isEqualTo(24);

        assertThat(text).contains("Endpoint dataconnector://getJob", "auth: static access token", "retries: 1",
                "429s: 1", "/60", "Consumer dataconnector://jobs (route completed-jobs)", "claimed: 3",
                "jobs created in the last 24 h: 2/24");
        assertThat(text + json.toJson()).doesNotContain(sim.defaultAccessToken());
    }
}
