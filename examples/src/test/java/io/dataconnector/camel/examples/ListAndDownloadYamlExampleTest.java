package io.dataconnector.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/list-and-download-yaml, run as its README runs it, against the simulator on loopback. */
class ListAndDownloadYamlExampleTest extends ExampleTestSupport {

    @TempDir
    Path out;

    ListAndDownloadYamlExampleTest() {
        super(DataConnectorSimulator.builder());
    }

    @Test
    void listsTheCompletedJobsAndDownloadsTheNewestOnesExtract() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        startExample("list-and-download-yaml", simulatorConnection(out));

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
