package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.component.DataConnectorComponent;
import io.dataconnector.camel.component.DataConnectorConfiguration;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataconnector-etl route template (routes/etl-*.yaml) instantiated in a plain CamelContext, polling once, with
 * steps swapped and failures injected by AdviceWith against the simulator and a DuckDB warehouse.
 */
class EtlTemplateRouteTest {

    @TempDir
    Path work;

    DataConnectorSimulator sim;
    DefaultCamelContext context;
    RunOnce runOnce = new RunOnce();
    final String schema = "wh_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void setUp() throws Exception {
        sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(5).build().start();
        Properties p = new Properties();
        p.put("warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb"));
        p.put("warehouse.schema", schema);
        p.put("warehouse.history-table", "dc_load_history");
        p.put("warehouse.lineage", "false");
        p.put("warehouse.swap", "rename");
        p.put("warehouse.batch-size", "1000");
        p.put("etl.work-dir", work.resolve("work").toString());
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(p);
        DataConnectorConfiguration api = context.getComponent("dataconnector", DataConnectorComponent.class)
                .getConfiguration();
        api.setBaseUrl(sim.baseUrl());
        api.setAccountId(sim.accountId());
        api.setAccessToken(sim.defaultAccessToken());
        api.setRetryDelay(50);
        context.getRegistry().bind(RunOnce.NAME, runOnce);
        new EtlConfiguration().configure(context);
        for (String yaml : new String[] { "etl-steps.yaml", "etl-template.yaml" }) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + yaml));
        }
        TemplatedRouteBuilder.builder(context, "dataconnector-etl").routeId("etl-test")
                .parameter("accountId", sim.accountId())
                .parameter("schedule", "initialDelay=0&repeatCount=1&pollStrategy=#" + RunOnce.NAME)
                .add();
    }

    @AfterEach
    void tearDown() {
        context.stop();
        sim.close();
    }

    SimJob completedJob() {
        return sim.seedCompletedJob(sim.seedRequest().id(), "success", Instant.now().minus(Duration.ofMinutes(30)));
    }

    void runOnePoll() throws Exception {
        context.start();
        assertThat(runOnce.await(context, Duration.ofSeconds(60))).as("the poll ended").isTrue();
        assertThat(runOnce.failures(context)).isEmpty();
    }

    @Test
    void theLoadingEndpointSwappedForAMockReceivesOneExchangePerTable() throws Exception {
        SimJob job = completedJob();
        AdviceWith.adviceWith(context, "dc-etl-load", a -> a.weaveByToUri("dcwarehouse:*").replace()
                .to("mock:warehouse"));
        MockEndpoint warehouse = context.getEndpoint("mock:warehouse", MockEndpoint.class);
        warehouse.whenAnyExchangeReceived(e -> {
            LoadRequest r = e.getMessage().getBody(LoadRequest.class);
            Instant now = Instant.now();
            e.getMessage().setBody(new LoadResult(r.jobId(), r.requestId(), r.fileName(), r.table(),
                    LoadResult.Status.LOADED, 0, r.bytes(), now, now, null));
        });

        runOnePoll();

        // one exchange per table (never per row), each a load request of a distinct CSV of the extract
        assertThat(warehouse.getReceivedExchanges()).hasSizeGreaterThan(3);
        assertThat(warehouse.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(LoadRequest.class)
                .fileName()).distinct().count()).isEqualTo(warehouse.getReceivedExchanges().size());
        assertThat(warehouse.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(LoadRequest.class)
                .fileName())).contains("admin_users.csv");
        assertThat(warehouse.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader("CamelDataConnectorJobId", String.class)).distinct())
                .containsExactly(job.id());
        assertThat(scalar("SELECT status FROM " + schema + ".dc_load_history WHERE job_id = '" + job.id()
                          + "' AND file_name = '*'")).as("the job recorded as loaded").isEqualTo("success");
    }

    @Test
    void aFailureInjectedIntoTheListingIsRecordedAndNothingIsDownloaded() throws Exception {
        SimJob job = completedJob();
        AdviceWith.adviceWith(context, "etl-test", a -> a.weaveByToString("To\\[.*:listJobFiles.*").replace()
                .throwException(new IOException("listing broke")));

        runOnePoll();

        assertThat(sim.recordedRequests(Operation.DOWNLOAD)).isEmpty();
        assertThat(scalar("SELECT status || ' ' || attempts || ' ' || error FROM " + schema
                          + ".dc_load_history WHERE job_id = '" + job.id() + "' AND file_name = '*'"))
                .isEqualTo("failed 1 IOException: listing broke");
        assertThat(context.getRegistry().lookupByNameAndType(EtlBeans.JOB_REPOSITORY, JobClaims.class)
                .contains(job.id())).as("the claim released for a later poll").isFalse();
    }

    private String scalar(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
