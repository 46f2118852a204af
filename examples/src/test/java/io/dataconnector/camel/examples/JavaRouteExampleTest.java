package io.dataconnector.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/java-route (CompletedJobFilesRoute named in its application.properties) against the simulator. */
class JavaRouteExampleTest extends ExampleTestSupport {

    @TempDir
    Path out;

    JavaRouteExampleTest() {
        super(DataConnectorSimulator.builder());
    }

    @Test
    void downloadsTheConfiguredFileOfEveryCompletedJob() throws Exception {
        String request = sim.seedRequest().id();
        SimJob older = sim.seedCompletedJob(request, "success", Instant.now().minus(Duration.ofHours(2)));
        SimJob newer = sim.seedCompletedJob(request, "success", Instant.now().minus(Duration.ofHours(1)));
        sim.seedCompletedJob(request, "failed", Instant.now().minus(Duration.ofMinutes(30)));
        startExample("java-route", simulatorConnection(out));

        for (SimJob job : new SimJob[] { older, newer }) {
            Path csv = out.resolve(job.id()).resolve("admin_users.csv");
            byte[] expected = sim.jobFileBytes(job.id(), "admin_users.csv");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.isRegularFile(csv) && Files.size(csv) == expected.length);
            assertThat(Files.readAllBytes(csv)).as("admin_users.csv of job %s", job.id()).isEqualTo(expected);
        }
        try (var dirs = Files.list(out)) {
            assertThat(dirs.map(p -> p.getFileName().toString()))
                    .as("only the successful jobs (the failed one is not emitted)")
                    .containsExactlyInAnyOrder(older.id(), newer.id());
        }
    }
}
