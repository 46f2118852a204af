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
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/etl-two-accounts: the dataconnector-etl template instantiated for two accounts ({@code accounts.<name>.*})
 * in a user's Camel Main, each account with its own refresh token, against one simulator serving both accounts (each
 * account lists only its own jobs) and a DuckDB warehouse; each instance polls once.
 */
class EtlTwoAccountsExampleTest extends ExampleTestSupport {

    @TempDir
    Path work;

    private static final String NORTH = "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138";

    final String north = NORTH;
    final String south = UUID.randomUUID().toString();

    EtlTwoAccountsExampleTest() {
        super(DataConnectorSimulator.builder().accountId(NORTH).acceptAnyAccount(true));
    }

    @Test
    void eachAccountsCompletedJobIsLoadedThroughItsOwnConnectionIntoItsOwnSchema() throws Exception {
        SimJob northJob = sim.seedCompletedJob(sim.seedRequest(north).id(), "success",
                Instant.now().minus(Duration.ofHours(1)));
        SimJob southJob = sim.seedCompletedJob(sim.seedRequest(south).id(), "success",
                Instant.now().minus(Duration.ofHours(1)));
        sim.registerClient("example-client", "example-secret");
        sim.registerRefreshToken("example-client", "north-refresh-token");
        sim.registerRefreshToken("example-client", "south-refresh-token");
        Map<String, String> overrides = new java.util.HashMap<>(Map.of(
                "warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb"),
                "etl.work-dir", work.resolve("work").toString(),
                "etl.schedule", "initialDelay=0&repeatCount=1",
                "accounts.north.account-id", north,
                "accounts.south.account-id", south));
        for (String account : new String[] { "north", "south" }) {
            overrides.put("accounts." + account + ".base-url", sim.baseUrl());
            overrides.put("accounts." + account + ".client-id", "example-client");
            overrides.put("accounts." + account + ".client-secret", "example-secret");
            overrides.put("accounts." + account + ".refresh-token", account + "-refresh-token");
            overrides.put("accounts." + account + ".token-store", work.resolve(account + "-refresh-token").toString());
        }
        startExample("etl-two-accounts", overrides);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "success".equals(jobStatus("north", northJob))
                             && "success".equals(jobStatus("south", southJob)));

        Set<String> northTokens = tokens(north);
        Set<String> southTokens = tokens(south);
        assertThat(northTokens).as("north's access tokens").isNotEmpty().doesNotContainAnyElementsOf(southTokens);
        assertThat(southTokens).as("south's access tokens").isNotEmpty();
        assertThat(sim.recordedRequests(Operation.GET_JOB_FILE_URL)).hasSize(2)
                .anySatisfy(r -> assertThat(r.path()).contains(north).contains(northJob.id()))
                .anySatisfy(r -> assertThat(r.path()).contains(south).contains(southJob.id()));
        assertThat(scalar("SELECT count(*) FROM north.admin_users")).as("north's rows").isEqualTo("5");
        assertThat(scalar("SELECT count(*) FROM south.admin_users")).as("south's rows").isEqualTo("5");
        assertThat(scalar("SELECT string_agg(DISTINCT account_id, ',') FROM north.dc_load_history"))
                .as("north's history rows carry its account").isEqualTo(north);
        assertThat(scalar("SELECT count(*) FROM south.dc_load_history WHERE job_id = '" + northJob.id() + "'"))
                .as("north's job is not in south's schema").isEqualTo("0");
    }

    /** The bearer tokens of the API calls for one account. */
    private Set<String> tokens(String accountId) {
        return sim.recordedRequests().stream().filter(r -> r.path().contains(accountId))
                .map(RecordedRequest::bearerToken).flatMap(java.util.Optional::stream)
                .collect(java.util.stream.Collectors.toSet());
    }

    private String jobStatus(String schema, SimJob job) throws Exception {
        return scalar("SELECT status FROM " + schema + ".dc_load_history WHERE job_id = '" + job.id()
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
