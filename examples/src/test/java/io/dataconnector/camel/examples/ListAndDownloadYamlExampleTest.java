package io.dataconnector.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/list-and-download-yaml, run as its README runs it, against the simulator on loopback. */
class ListAndDownloadYamlExampleTest {

    @TempDir
    Path out;

    DataConnectorSimulator sim = DataConnectorSimulator.builder().rowsPerTable(5).build().start();
    Main main;

    @AfterEach
    void tearDown() {
        if (main != null) {
            main.stop();
        }
        sim.close();
    }

    @Test
    void listsTheCompletedJobsAndDownloadsTheNewestOnesExtract() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        main = RunExample.create(Path.of("list-and-download-yaml"), Map.of(
                "camel.component.dataconnector.base-url", sim.baseUrl(),
                "camel.component.dataconnector.account-id", sim.accountId(),
                "camel.component.dataconnector.access-token", sim.defaultAccessToken(),
                "example.output-dir", out.toString()));
        main.start();

        Path zip = out.resolve(job.id()).resolve("autodesk_data_extract.zip");
        byte[] expected = sim.jobFileBytes(job.id(), "autodesk_data_extract.zip");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.isRegularFile(zip) && Files.size(zip) == expected.length);
        assertThat(Files.readAllBytes(zip)).isEqualTo(expected);
        assertThat(sim.recordedRequests(Operation.LIST_JOBS)).singleElement()
                .satisfies(r -> assertThat(r.queryParams()).containsEntry("filter[status]",
                        java.util.List.of("complete")));
    }
}
