package io.dataconnector.camel.etl.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataconnector.camel.component.DataConnectorComponent;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ETL set up the way the Karaf bundle does it (no Camel Main: settings as a PID dictionary, a caller-owned
 * DataSource, the YAML routes read from the jar), here on a plain CamelContext, DuckDB and the simulator.
 */
class EtlContextSetupTest {

    @TempDir
    Path work;

    @Test
    void pidSettingsAndAnOwnDataSourceLoadACompletedJobOnTheCron() throws Exception {
        try (DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(20).build()
                .start();
                HikariDataSource warehouse = duckDb(work.resolve("warehouse.duckdb"))) {
            SimJob job = sim.seedCompleteSuccessJob();
            Hashtable<String, Object> pid = new Hashtable<>();
            pid.put("service.pid", EtlProperties.PID);
            pid.put("camel.component.dataconnector.base-url", sim.baseUrl());
            pid.put("camel.component.dataconnector.account-id", sim.accountId());
            pid.put("camel.component.dataconnector.accessToken", sim.defaultAccessToken());
            pid.put("warehouse.schema", "karaf");
            pid.put("etl.cron", "0/1 * * * * ?");
            pid.put("etl.work-dir", work.resolve("work").toString());

            CamelContext context = new DefaultCamelContext();
            try {
                EtlContextSetup.configure(context, EtlProperties.fromPid(pid), warehouse);
                context.start();
                assertThat(context.getComponent("dataconnector", DataConnectorComponent.class).getConfiguration()
                        .getAccountId()).isEqualTo(sim.accountId());
                assertThat(context.getRoute("dc-etl-poll")).as("the template instance").isNotNull();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> count(warehouse, "SELECT COUNT(*) FROM karaf.dc_load_history WHERE job_id = '"
                                + job.id() + "' AND table_name = 'admin_users' AND status = 'success'") > 0);
                assertThat(count(warehouse, "SELECT COUNT(*) FROM karaf.admin_users")).isEqualTo(20);
            } finally {
                context.stop();
            }
            assertThat(warehouse.isClosed()).as("the caller's DataSource is left open").isFalse();
        }
    }

    @Test
    void aMissingAccountIdNamesTheKeyAndThePid() {
        Hashtable<String, Object> pid = new Hashtable<>();
        pid.put("etl.cron", "0 0/15 * * * ?");
        assertThatThrownBy(() -> EtlProperties.fromPid(pid)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("camel.component.dataconnector.account-id is not set in PID io.dataconnector.etl");
    }

    @Test
    void anUnknownComponentOptionIsNamedWithoutItsValue() {
        CamelContext context = new DefaultCamelContext();
        Map<String, String> settings = Map.of("camel.component.dataconnector.account-id", "a",
                "camel.component.dataconnector.no-such-option", "s3cret");
        assertThatThrownBy(() -> ComponentOptions.apply(context, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("camel.component.dataconnector.noSuchOption")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theDataSourceIsChosenByItsName() {
        assertThat(EtlProperties.dataSourceFilter(Map.of()))
                .isEqualTo("(&(objectClass=javax.sql.DataSource)(dataSourceName=dataconnector-warehouse))");
        assertThat(EtlProperties.dataSourceFilter(Map.of(EtlProperties.DATA_SOURCE_NAME, "wh(1)*")))
                .isEqualTo("(&(objectClass=javax.sql.DataSource)(dataSourceName=wh\\(1\\)\\*))");
    }

    private static HikariDataSource duckDb(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:duckdb:" + file);
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    private static long count(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
