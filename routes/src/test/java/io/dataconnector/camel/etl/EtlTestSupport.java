package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SchemaColumn;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A simulator on loopback and the ETL application run in-process against a warehouse given by the subclass. */
abstract class EtlTestSupport {

    @TempDir
    Path work;

    DataConnectorSimulator sim;
    String lastOutput = "";
    final Map<String, String> extra = new HashMap<>();

    abstract String warehouseUrl();

    abstract String warehouseUser();

    abstract String warehousePassword();

    String schema = "wh_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void startSimulator() {
        sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(20).build().start();
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A complete/success job created {@code ageMinutes} ago (completed a minute later). */
    SimJob job(int ageMinutes) {
        SimRequest r = sim.seedRequest();
        return sim.seedCompletedJob(r.id(), "success", Instant.now().minus(Duration.ofMinutes(ageMinutes)));
    }

    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.component.dataconnector.base-url", sim.baseUrl());
        p.put("camel.component.dataconnector.account-id", sim.accountId());
        p.put("camel.component.dataconnector.access-token", sim.defaultAccessToken());
        p.put("camel.component.dataconnector.retry-delay", "50");
        p.put("warehouse.url", warehouseUrl());
        if (warehouseUser() != null) {
            p.put("warehouse.username", warehouseUser());
        }
        if (warehousePassword() != null) {
            p.put("warehouse.password", warehousePassword());
        }
        p.put("warehouse.schema", schema);
        p.put("etl.work-dir", work.resolve("work").toString());
        p.putAll(extra);
        return p;
    }

    /** Runs the application with these arguments (a fresh instance: like a process restart). @return exit code */
    int runApp(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] withConfig = new String[args.length + 1];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config=" + work.resolve("no-config");
        int code = new EtlApplication(out, properties()).run(withConfig);
        lastOutput = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    int downloads() {
        return sim.recordedRequests(Operation.DOWNLOAD).size();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(warehouseUrl(), warehouseUser(), warehousePassword());
    }

    List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object o = rs.getObject(i);
                    m.put(md.getColumnName(i), o);
                }
                out.add(m);
            }
        }
        return out;
    }

    Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + schema + "." + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                m.put(md.getColumnName(i), md.getColumnTypeName(i).toLowerCase());
            }
        }
        return m;
    }

    List<String> tables() throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : query("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                                           + schema + "' ORDER BY table_name")) {
            out.add((String) r.values().iterator().next());
        }
        return out;
    }

    static List<SchemaColumn> columns(String... nameTypePairs) {
        List<SchemaColumn> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(SchemaColumn.of(nameTypePairs[i], nameTypePairs[i + 1]));
        }
        return out;
    }

    /**
     * Continuous mode: the completed-job consumer polls on a Quartz cron (every second here); a job completing while
     * the application runs is loaded at a later poll, and no job is loaded twice.
     */
    void assertContinuousModeLoadsEachJobOnce() throws Exception {
        extra.put("etl.cron", "0/1 * * * * ?");
        SimJob first = job(30);
        EtlApplication app = new EtlApplication(new PrintStream(OutputStream.nullOutputStream()), properties());
        Thread running = new Thread(() -> app.run(new String[] { "--config=" + work.resolve("no-config") }));
        running.start();
        try {
            // the application creates its history table while starting in the background thread
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> loadedJobs().contains(first.id()));
            SimJob second = job(1);
            // an embedded DuckDB file is locked while the application loads or polls: read it between those
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> loadedJobs().contains(second.id()));
            int polls = sim.recordedRequests("GET", ".*/jobs").size();
            // two more polls after the second load: neither job is downloaded again
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sim.recordedRequests("GET", ".*/jobs").size() >= polls + 2);
            assertThat(downloads()).as("one ZIP per job").isEqualTo(2);
            assertThat(await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> query("SELECT COUNT(*) AS n FROM " + schema + ".admin_users").get(0).get("n"),
                            n -> n != null)).isEqualTo(20L);
        } finally {
            app.stop();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).as("the application stopped").isFalse();
    }

    List<String> loadedJobs() throws Exception {
        return query("SELECT DISTINCT job_id FROM " + schema + ".dc_load_history WHERE status = 'success'").stream()
                .map(row -> String.valueOf(row.get("job_id"))).toList();
    }
}
