package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dcwarehouse: loading endpoint on an embedded DuckDB file: one exchange per table, the load result back. */
class WarehouseEndpointTest {

    @TempDir
    Path dir;

    HikariDataSource ds;
    CamelContext context;
    ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:duckdb:" + dir.resolve("warehouse.duckdb"));
        cfg.setMaximumPoolSize(1);
        ds = new HikariDataSource(cfg);
        context = new DefaultCamelContext();
        context.getRegistry().bind("warehouse", ds);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:auto").to("dcwarehouse:wh?dataSource=#warehouse");
                from("direct:window").to("dcwarehouse:wh?dataSource=#warehouse&mode=window");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        ds.close();
    }

    LoadResult send(String endpoint, String jobId, String fileName, Object body) {
        return template.requestBodyAndHeaders(endpoint, body, Map.of(WarehouseConstants.JOB_ID, jobId,
                WarehouseConstants.FILE_NAME, fileName), LoadResult.class);
    }

    static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStreamWithHeadersLoadsOneTableAsASnapshotAndRepliesWithTheResult() throws Exception {
        LoadResult first = send("direct:auto", "job-1", "admin_users.csv", csv("id,name\n1,Ann\n2,Bob\n"));
        assertThat(first.status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(first.rows()).isEqualTo(2);
        assertThat(first.table()).isEqualTo("admin_users");
        assertThat(first.mode()).isEqualTo(LoadMode.SNAPSHOT);

        // a newer job's snapshot replaces the table, from a file this time
        Path file = Files.writeString(dir.resolve("admin_users.csv"), "id,name\n3,Cy\n");
        LoadResult second = send("direct:auto", "job-2", "admin_users.csv", file);
        assertThat(second.status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(names("admin_users")).containsExactly("Cy");
        assertThat(history()).contains("job-1/admin_users.csv/success", "job-2/admin_users.csv/success");
    }

    @Test
    void windowModeMergesTheJobsRowsByKeyInsteadOfReplacingTheTable() throws Exception {
        send("direct:window", "job-1", "admin_users.csv", csv("id,name\n1,Ann\n2,Bob\n"));
        LoadResult second = send("direct:window", "job-2", "admin_users.csv", csv("id,name\n2,Bobby\n3,Cy\n"));
        assertThat(second.mode()).isEqualTo(LoadMode.WINDOW);
        assertThat(names("admin_users")).containsExactly("Ann", "Bobby", "Cy");
    }

    @Test
    void aBadRowIsAFailedResultAndTheTableKeepsItsContent() throws Exception {
        send("direct:auto", "job-1", "admin_users.csv", csv("id,name\n1,Ann\n"));
        LoadResult bad = send("direct:auto", "job-2", "admin_users.csv", csv("id,name\n2,Bob,extra\n"));
        assertThat(bad.status()).isEqualTo(LoadResult.Status.FAILED);
        assertThat(bad.error()).contains("admin_users.csv");
        assertThat(names("admin_users")).containsExactly("Ann");
    }

    @Test
    void aStreamWithoutTheJobHeaderIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> template.requestBodyAndHeaders("direct:auto", csv("id\n1\n"),
                Map.of(WarehouseConstants.FILE_NAME, "admin_users.csv")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("dcwarehouse: the header CamelDataConnectorJobId is required when the body is"
                                     + " not a LoadRequest");
    }

    @Test
    void anUnknownModeIsRefusedWhenTheEndpointStarts() {
        assertThatThrownBy(() -> context.getEndpoint("dcwarehouse:wh?dataSource=#warehouse&mode=merge").start())
                .hasMessageContaining("mode must be auto, snapshot or window, not 'merge'");
    }

    @Test
    void theHealthCheckIsUpWhileTheDatabaseAnswersAndDownWhenItIsGone() {
        assertThat(readiness()).isEqualTo(HealthCheck.State.UP);
        ds.close();
        assertThat(readiness()).isEqualTo(HealthCheck.State.DOWN);
    }

    private HealthCheck.State readiness() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("dcwarehouse-wh")).findFirst().orElseThrow().getState();
    }

    private List<String> names(String table) throws Exception {
        return column("SELECT name FROM wh." + table + " ORDER BY id");
    }

    private List<String> history() throws Exception {
        return column("SELECT job_id || '/' || file_name || '/' || status FROM wh.dc_load_history");
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
