package io.dataconnector.camel.component;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jobs consumer's poll health check ({@code dataconnector-poll-<routeId>}): DOWN with the last poll's error (and
 * HTTP status) while polls fail, UP again after a good poll; read as Camel's health endpoints read it
 * ({@link HealthCheckHelper#invoke}).
 * <p>
 * At Camel's default exposure level ({@code camel.health.exposure-level=default}) {@code invoke} answers all-UP checks
 * with the first one alone and otherwise with the DOWN ones: the poll check, registered after the consumer's API check,
 * shows there only while DOWN. {@code full} lists every check.
 */
class ConsumerPollHealthCheckTest extends SimulatorTestSupport {

    private static final String CHECK_ID = "dataconnector-poll-polled-jobs";

    @Override
    protected void configure(DataConnectorComponent component) {
        super.configure(component);
        component.getConfiguration().setCallsPerMinute(100_000);
    }

    /** What Camel Main does for camel.health.consumers-enabled=true (the default there). */
    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("dataconnector:jobs?delay=100&initialDelay=0&idempotentRepository=#class:"
                     + "org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository")
                        .routeId("polled-jobs").to("mock:jobs");
            }
        };
    }

    private Optional<HealthCheck.Result> check() {
        return find(HealthCheckHelper.invoke(context, c -> Map.of(), c -> false, "full"));
    }

    private static Optional<HealthCheck.Result> find(Collection<HealthCheck.Result> results) {
        return results.stream().filter(r -> CHECK_ID.equals(r.getCheck().getId())).findFirst();
    }

    private HealthCheck.Result awaitState(HealthCheck.State state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(check())
                .hasValueSatisfying(r -> assertThat(r.getState()).isEqualTo(state)));
        return check().orElseThrow();
    }

    @Test
    void downWithThePollErrorWhilePollsFailAndUpAfterAGoodPoll() {
        awaitState(HealthCheck.State.UP);

        sim.revokeAccessToken(sim.defaultAccessToken());
        HealthCheck.Result failing = awaitState(HealthCheck.State.DOWN);
        assertThat(find(HealthCheckHelper.invoke(context))).as("a DOWN check at the default exposure level")
                .hasValueSatisfying(r -> assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN));
        assertThat(find(HealthCheckHelper.invokeReadiness(context))).as("a readiness check").isPresent();
        assertThat(failing.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("The last poll failed: ")
                .contains("HTTP 401", "listJobs").doesNotContain(sim.defaultAccessToken()));
        assertThat(failing.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401).containsKey("poll.last");

        sim.registerAccessToken(sim.defaultAccessToken());
        HealthCheck.Result recovered = awaitState(HealthCheck.State.UP);
        assertThat(recovered.getMessage()).isEmpty();
        assertThat(recovered.getDetails()).containsKeys("poll.last", "jobs.seen", "jobs.claimed");
    }
}
