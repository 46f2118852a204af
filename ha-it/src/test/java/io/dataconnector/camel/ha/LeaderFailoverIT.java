package io.dataconnector.camel.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ETL launchers (the shaded app jar, continuous mode, Quartz every second) on one PostgreSQL under leader election
 * on a real ZooKeeper server (loopback, temp data dir): only the leader calls the API; the leader is killed with
 * SIGKILL while a table of a job is staged; the follower becomes leader within the ZooKeeper session timeout, takes
 * the dead leader's job claim over after its lease and loads that job exactly once, then the next job. The warehouse
 * equals a reference run-once load of the same jobs.
 * <p>
 * Each node calls the simulator with its own access token, so every recorded API call names the node that made it.
 */
class LeaderFailoverIT {

    private static final int TICK_MILLIS = 500;
    private static final int SESSION_TIMEOUT_MILLIS = 4000;
    private static final int CRON_MILLIS = 1000;
    private static final int CLAIM_LEASE_MILLIS = 3000;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration LOAD = Duration.ofSeconds(90);
    private static final String SCHEMA = "ha";

    @TempDir
    Path work;

    private TestingServer zooKeeper;
    private EmbeddedPostgres postgres;
    private DataConnectorSimulator sim;
    private final List<EtlNode> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // the real server (ZooKeeperServerMain) in this JVM; a short tick allows a short session timeout
        zooKeeper = new TestingServer(new InstanceSpec(work.resolve("zookeeper").toFile(), -1, -1, -1, true, 1,
                TICK_MILLIS, 20), true);
        postgres = EmbeddedPostgres.builder().start();
        sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(200).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (EtlNode node : nodes) {
                node.close();
            }
        } finally {
            try {
                sim.close();
            } finally {
                try {
                    postgres.close();
                } finally {
                    zooKeeper.close();
                }
            }
        }
    }

    private Map<String, String> nodeConfig(String name, String token, String schema) {
        sim.registerAccessToken(token);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.component.dataconnector.base-url", sim.baseUrl());
        p.put("camel.component.dataconnector.account-id", sim.accountId());
        p.put("camel.component.dataconnector.access-token", token);
        p.put("camel.component.dataconnector.retry-delay", "50");
        p.put("warehouse.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("warehouse.username", "postgres");
        p.put("warehouse.password", "postgres");
        p.put("warehouse.schema", schema);
        p.put("etl.work-dir", work.resolve(name + "-work").toString());
        p.put("etl.cron", "0/1 * * * * ?");
        p.put("etl.claim-lease", String.valueOf(CLAIM_LEASE_MILLIS));
        // what the README tells a user to configure
        p.put("etl.cluster.namespace", "dataconnector-etl");
        p.put("camel.beans.dcCluster", "#class:org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService");
        p.put("camel.beans.dcCluster.nodes", zooKeeper.getConnectString());
        p.put("camel.beans.dcCluster.basePath", "/dataconnector/etl");
        p.put("camel.beans.dcCluster.sessionTimeout", String.valueOf(SESSION_TIMEOUT_MILLIS));
        p.put("camel.beans.dcCluster.sessionTimeoutUnit", "MILLISECONDS");
        return p;
    }

    private EtlNode startNode(String name, Map<String, String> config, String... args) {
        EtlNode node = EtlNode.start(name, work, config, args);
        nodes.add(node);
        return node;
    }

    @Test
    void theFollowerTakesOverAKilledLeaderAndEveryJobIsLoadedOnce() throws Exception {
        Map<String, String> configA = nodeConfig("node-a", "node-a-token", SCHEMA);
        configA.put("camel.beans.haPause", "#class:" + PauseAtStaged.class.getName());
        configA.put("camel.beans.haPause.table", "admin_users");
        EtlNode a = startNode("node-a", configA);
        a.awaitLine("started in", STARTUP);
        awaitCalls("node-a-token", Operation.LIST_JOBS, 1, a);

        // the follower: up, in the election, and silent while the leader polls
        EtlNode b = startNode("node-b", nodeConfig("node-b", "node-b-token", SCHEMA));
        b.awaitLine("started in", STARTUP);
        int leaderPolls = calls("node-a-token", Operation.LIST_JOBS);
        awaitCalls("node-a-token", Operation.LIST_JOBS, leaderPolls + 2, a);
        b.assertAlive();
        assertThat(calls("node-b-token")).as("API calls of the follower while the leader lives").isZero();

        // the leader downloads the first job and is killed with admin_users staged, uncommitted
        SimJob first = job(10);
        a.awaitLine(PauseAtStaged.MARKER, LOAD);
        assertThat(sim.recordedRequests(Operation.DOWNLOAD)).as("the leader's download").hasSize(1);
        assertThat(calls("node-b-token")).as("API calls of the follower during the leader's load").isZero();
        int callsByA = calls("node-a-token");
        Instant killedAt = Instant.now();
        assertThat(a.kill()).as("SIGKILL").isEqualTo(137);

        awaitCalls("node-b-token", Operation.LIST_JOBS, 1, b);
        Duration takeover = Duration.between(killedAt, Instant.now());
        assertThat(takeover).as("kill to the new leader's first poll: session timeout + a cron period at most")
                .isLessThan(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 2L * TICK_MILLIS + CRON_MILLIS + 2500));

        awaitLoaded(first, b);
        assertThat(b.hasLine("took over a claim whose lease had run out")).as("the dead leader's claim taken over")
                .isTrue();
        SimJob second = job(1);
        awaitLoaded(second, b);
        int polls = calls("node-b-token", Operation.LIST_JOBS);
        awaitCalls("node-b-token", Operation.LIST_JOBS, polls + 2, b);

        for (SimJob job : List.of(first, second)) {
            Map<String, Map<String, Object>> history = history(job.id());
            assertThat(history).as("history of " + job.id()).containsKey("*").hasSizeGreaterThan(1);
            history.forEach((file, row) -> {
                assertThat(row.get("status")).as(job.id() + " " + file).isEqualTo("success");
                assertThat(((Number) row.get("attempts")).intValue()).as(job.id() + " " + file + " attempts")
                        .isEqualTo(1);
            });
        }
        assertThat(query("SELECT job_id FROM " + SCHEMA + ".dc_job_claims")).as("claims left").isEmpty();
        assertThat(tables(SCHEMA)).as("staging tables left").noneMatch(t -> t.startsWith("_stage_"));
        assertThat(sim.recordedRequests(Operation.DOWNLOAD))
                .as("downloads: the killed leader's, then one per job by the new leader").hasSize(3);
        assertThat(calls("node-a-token")).as("no call of the dead leader after the kill").isEqualTo(callsByA);
        String callsA = callsByOperation("node-a-token");
        String callsB = callsByOperation("node-b-token");

        b.close();
        Map<String, String> reference = nodeConfig("reference", "reference-token", SCHEMA + "_ref");
        reference.remove("etl.cluster.namespace");
        EtlNode ref = startNode("reference", reference, "--once");
        assertThat(ref.waitFor(LOAD)).as(ref.output()).isZero();
        Map<String, String> loaded = snapshot(SCHEMA);
        assertThat(loaded).as("tables after the failover").isNotEmpty().isEqualTo(snapshot(SCHEMA + "_ref"));

        String result = String.format("HA failover: ZooKeeper session timeout %d ms, cron %d ms, claim lease %d ms; "
                                      + "kill -9 of the leader to the follower's first poll: %d ms; "
                                      + "API calls of node A (leader, killed): %s; node B (follower, then leader): "
                                      + "%s; %d tables equal to a reference load; 2 jobs loaded once",
                SESSION_TIMEOUT_MILLIS, CRON_MILLIS, CLAIM_LEASE_MILLIS, takeover.toMillis(), callsA, callsB,
                loaded.size());
        System.out.println(result);
        java.nio.file.Files.writeString(Path.of("target", "ha-it-result.txt"), result + System.lineSeparator());
    }

    private SimJob job(int ageMinutes) {
        return sim.seedCompletedJob(sim.seedRequest().id(), "success",
                Instant.now().minus(Duration.ofMinutes(ageMinutes)));
    }

    private List<RecordedRequest> requests(String token) {
        return sim.recordedRequests().stream().filter(r -> r.bearerToken().filter(token::equals).isPresent())
                .toList();
    }

    private int calls(String token) {
        return requests(token).size();
    }

    private int calls(String token, Operation op) {
        return (int) requests(token).stream().filter(r -> r.operation() == op).count();
    }

    private String callsByOperation(String token) {
        return requests(token).stream()
                .collect(Collectors.groupingBy(r -> r.operation().name(), TreeMap::new, Collectors.counting()))
                .toString();
    }

    private void awaitCalls(String token, Operation op, int atLeast, EtlNode node) {
        await().atMost(LOAD).pollInterval(Duration.ofMillis(50)).until(() -> {
            node.assertAlive();
            return calls(token, op) >= atLeast;
        });
    }

    private void awaitLoaded(SimJob job, EtlNode node) {
        await().atMost(LOAD).pollInterval(Duration.ofMillis(100)).ignoreException(SQLException.class).until(() -> {
            node.assertAlive();
            Map<String, Object> marker = history(job.id()).get("*");
            return marker != null && "success".equals(marker.get("status"));
        });
    }

    private Map<String, Map<String, Object>> history(String jobId) throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT file_name, status, attempts FROM " + SCHEMA
                                           + ".dc_load_history WHERE job_id = '" + jobId + "'")) {
            out.put((String) r.get("file_name"), r);
        }
        return out;
    }

    private List<String> tables(String schema) throws SQLException {
        return query("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")
                .stream().map(r -> (String) r.get("table_name")).toList();
    }

    /** Data table → row count and md5 of its rows' text sorted (equal iff the same rows as a multiset). */
    private Map<String, String> snapshot(String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (String table : tables(schema)) {
            if (table.equals("dc_load_history") || table.equals("dc_job_claims") || table.startsWith("_stage_")) {
                continue;
            }
            Map<String, Object> r = query("SELECT COUNT(*) AS n, COALESCE(md5(string_agg(x::text, E'\\n' ORDER BY "
                                          + "x::text)), '') AS h FROM " + schema + "." + table + " x").get(0);
            out.put(table, r.get("n") + "/" + r.get("h"));
        }
        return out;
    }

    private List<Map<String, Object>> query(String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                "postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    m.put(md.getColumnName(i), rs.getObject(i));
                }
                out.add(m);
            }
        }
        return out;
    }
}
