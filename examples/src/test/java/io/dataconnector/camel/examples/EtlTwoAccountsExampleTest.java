package io.dataconnector.camel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/etl-two-accounts: the dataconnector-etl template instantiated for two accounts in a user's Camel Main, with
 * a refresh-token connection, against one simulator serving both accounts (each account lists only its own jobs) and
 * a DuckDB warehouse; each instance polls once.
 */
class EtlTwoAccountsExampleTest {

    @TempDir
    Path work;

    final String north = "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138";
    final String south = UUID.randomUUID().toString();
    DataConnectorSimulator sim = DataConnectorSimulator.builder().accountId(north).acceptAnyAccount(true)
            .rowsPerTable(5).build().start();
    Main main;

    @AfterEach
    void tearDown() {
        if (main != null) {
            main.stop();
        }
        sim.close();
    }

    @Test
    void eachAccountsCompletedJobIsLoadedThroughItsOwnInstance() throws Exception {
        SimJob northJob = sim.seedCompletedJob(sim.seedRequest(north).id(), "success",
                Instant.now().minus(Duration.ofHours(1)));
        SimJob southJob = sim.seedCompletedJob(sim.seedRequest(south).id(), "success",
                Instant.now().minus(Duration.ofHours(1)));
        sim.registerClient("example-client", "example-secret");
        sim.registerRefreshToken("example-client", "example-refresh-token");
        main = RunExample.create(Path.of("etl-two-accounts"), Map.ofEntries(
                Map.entry("accounts.north.account-id", north),
                Map.entry("accounts.south.account-id", south),
                Map.entry("camel.component.dataconnector.base-url", sim.baseUrl()),
                Map.entry("camel.component.dataconnector.client-id", "example-client"),
                Map.entry("camel.component.dataconnector.client-secret", "example-secret"),
                Map.entry("camel.component.dataconnector.refresh-token", "example-refresh-token"),
                Map.entry("camel.component.dataconnector.token-store", work.resolve("refresh-token").toString()),
                Map.entry("warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb")),
                Map.entry("etl.work-dir", work.resolve("work").toString()),
                Map.entry("etl.schedule", "initialDelay=0&repeatCount=1")));
        main.start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "success".equals(jobStatus(northJob)) && "success".equals(jobStatus(southJob)));

        assertThat(sim.recordedRequests(Operation.LIST_JOBS).stream().map(RecordedRequest::path))
                .as("each instance polls its own account")
                .anySatisfy(p -> assertThat(p).contains(north)).anySatisfy(p -> assertThat(p).contains(south));
        assertThat(sim.recordedRequests(Operation.GET_JOB_FILE_URL)).hasSize(2)
                .anySatisfy(r -> assertThat(r.path()).contains(north).contains(northJob.id()))
                .anySatisfy(r -> assertThat(r.path()).contains(south).contains(southJob.id()));
        assertThat(scalar("SELECT count(*) FROM dataconnector.admin_users")).as("rows of the last snapshot")
                .isEqualTo("5");
    }

    private String jobStatus(SimJob job) throws Exception {
        return scalar("SELECT status FROM dataconnector.dc_load_history WHERE job_id = '" + job.id()
                      + "' AND file_name = '*'");
    }

    private String scalar(String sql) throws Exception {
        // through the application's own warehouse pool: DuckDB refuses a second configuration of an open file
        DataSource warehouse = main.getCamelContext().getRegistry().lookupByNameAndType("warehouse", DataSource.class);
        try (Connection c = warehouse.getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            return null; // the file does not exist yet, or is held by a load
        }
    }
}
