package io.dataconnector.camel.component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API health check of a consumer: UP while the API answers, DOWN when it does not or refuses the token. */
class HealthCheckTest extends SimulatorTestSupport {

    private static final String CHECK_ID = "dataconnector-consumer-completed-jobs";

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // no poll during the test: the check alone talks to the API
                from("dataconnector:jobs?initialDelay=3600000&idempotentRepository=#class:"
                     + "org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository")
                        .routeId("completed-jobs").log("${body}");
            }
        };
    }

    @Override
    protected void configure(DataConnectorComponent component) {
        super.configure(component);
        // every health read probes the API, so a state change shows at once; the reuse has a test of its own
        component.setHealthProbeInterval(0);
    }

    private HealthCheck.Result check() {
        // full: at the default exposure level an all-UP answer holds only the first check
        Optional<HealthCheck.Result> result = HealthCheckHelper.invoke(context, c -> Map.of(), c -> false, "full")
                .stream()
                .filter(r -> CHECK_ID.equals(r.getCheck().getId())).findFirst();
        assertThat(result).as("the check is registered").isPresent();
        return result.get();
    }

    @Test
    void downWhileTheTokenIsRefusedOrTheApiIsGoneAndUpAgainAfter() throws Exception {
        assertThat(check().getState()).isEqualTo(HealthCheck.State.UP);

        sim.revokeAccessToken(sim.defaultAccessToken());
        HealthCheck.Result refused = check();
        assertThat(refused.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(refused.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 401", "ping")
                .doesNotContain(sim.defaultAccessToken()));
        assertThat(refused.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);

        sim.registerAccessToken(sim.defaultAccessToken());
        assertThat(check().getState()).isEqualTo(HealthCheck.State.UP);

        int port = sim.port();
        String token = sim.defaultAccessToken();
        sim.close();
        HealthCheck.Result gone = check();
        assertThat(gone.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(gone.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("I/O failure"));

        sim = DataConnectorSimulator.builder().port(port).accessToken(token).build().start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(check().getState()).isEqualTo(HealthCheck.State.UP));
    }

    @Test
    void theCheckGoesWithItsRoute() throws Exception {
        assertThat(check()).isNotNull();
        context.getRouteController().stopRoute("completed-jobs");
        assertThat(HealthCheckHelper.invoke(context, c -> Map.of(), c -> false, "full"))
                .noneMatch(r -> CHECK_ID.equals(r.getCheck().getId()));
    }

    @Test
    void frequentHealthReadsCostOneProbeCallPerInterval() {
        context.getComponent("dataconnector", DataConnectorComponent.class).setHealthProbeInterval(60_000);
        sim.clearRecordedRequests();
        for (int i = 0; i < 20; i++) {
            assertThat(check().getState()).isEqualTo(HealthCheck.State.UP);
        }
        assertThat(sim.apiCallCount()).as("20 health reads within the interval").isEqualTo(1);

        sim.revokeAccessToken(sim.defaultAccessToken());
        assertThat(check().getState()).as("the reused outcome, not a new probe").isEqualTo(HealthCheck.State.UP);
        assertThat(sim.apiCallCount()).isEqualTo(1);
    }
}
