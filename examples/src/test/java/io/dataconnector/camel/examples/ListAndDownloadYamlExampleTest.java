package io.dataconnector.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

    /**
     * The README's command (RunExample in its own JVM) with a token the API rejects: the run must fail visibly, with
     * exit code 1 and an ERROR naming the operation and the HTTP status, and the token must appear nowhere.
     */
    @Test
    void aRejectedTokenEndsTheRunWithExitCode1AndAnErrorNamingTheOperationAndStatus() throws Exception {
        sim.seedCompleteSuccessJob();
        String wrongToken = "wrong-token-3f9c1e7a";
        Path log = out.resolve("run.log");
        ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RunExample.class.getName(), Path.of("list-and-download-yaml").toAbsolutePath().toString())
                .directory(out.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("DATACONNECTOR_BASE_URL", sim.baseUrl());
        run.environment().put("DATACONNECTOR_ACCOUNT_ID", sim.accountId());
        run.environment().put("DATACONNECTOR_ACCESS_TOKEN", wrongToken);
        Process process = run.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the example exits by itself").isTrue();
        } finally {
            process.destroyForcibly();
        }

        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output.lines().filter(l -> l.contains("ERROR")))
                .as(output).anyMatch(l -> l.contains("Data Connector listJobs failed with HTTP 401"));
        assertThat(output).contains("RunExample: 1 exchange(s) failed; the first: route list-and-download: "
                                    + "Data Connector listJobs failed with HTTP 401");
        assertThat(output).doesNotContain(wrongToken);
    }
}
