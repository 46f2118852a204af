package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;


/** The whole ETL into the embedded default (a DuckDB file); the sandbox launcher is tested by sandbox's SandboxIT. */
class DuckDbEtlEndToEndTest extends RealExtractEndToEndTest {

    @Override
    String warehouseUrl() {
        return "jdbc:duckdb:" + work.resolve("warehouse.duckdb");
    }

    @Override
    String warehouseUser() {
        return null;
    }

    @Override
    String warehousePassword() {
        return null;
    }

    @Test
    void runOnceLoadsEveryTableTypedAndExactlyOnce() throws Exception {
        extra.put("etl.cron", "* * * * * ?"); // a scheduled poll, were it created, would fire during the run
        job(30);
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(sim.recordedRequests(io.dataconnector.camel.simulator.Operation.LIST_JOBS))
                .as("run-once lists jobs once; no scheduled poll runs")
                .hasSize(1);
        assertThat(tables()).contains("admin_users", "admin_projects", "admin_companies", "issues_issues",
                "rfis_rfis", "activities_admin_activities", "dc_load_history");
        assertThat(columnTypes("admin_users")).containsEntry("id", "uuid").containsEntry("access_level_account_admin", "boolean")
                .containsEntry("created_at", "timestamp");
        assertThat(query("SELECT COUNT(*) AS n FROM " + schema + ".admin_users").get(0).get("n")).isEqualTo(20L);
        int downloads = downloads();
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(downloads()).isEqualTo(downloads);
    }

    @Test
    void continuousModePollsOnTheQuartzCronAndLoadsEachJobOnce() throws Exception {
        assertContinuousModeLoadsEachJobOnce();
    }
}
