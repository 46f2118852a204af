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
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ETL launchers (the shaded app jar, continuous mode, Quartz every second) on one PostgreSQL under leader election
 * on a real ZooKeeper server (loopback, temp data dir), each loading three accounts configured with
 * {@code accounts.<name>.*} (own connection, own schema): only the leader calls the API; the leader is killed with
 * SIGKILL while a table of each account's job is staged; the follower becomes leader within the ZooKeeper session
 * timeout, takes the dead leader's job claims over after their lease and loads those jobs exactly once, then the next
 * job of each account. Each account's warehouse schema equals a reference run-once load of the same jobs.
 * <p>
 * Each node calls the simulator with an access token of its own per account ({@code <node>-<account>-token}), so
 * every recorded API call names the node and the account that made it; the simulator serves the three accounts, each
 * listing only its own jobs.
 */
class LeaderFailoverIT {

    private static final int TICK_MILLIS = 500;
    private static final int SESSION_TIMEOUT_MILLIS = 4000;
    private static final int CRON_MILLIS = 1000;
    private static final int CLAIM_LEASE_MILLIS = 3000;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration LOAD = Duration.ofSeconds(90);
    private static final List<String> ACCOUNTS = List.of("north", "south", "west");
    private static final List<String> TABLES = List.of("admin_users", "admin_companies", "admin_projects",
            "issues_issues");

    @TempDir
    Path work;

    private TestingServer zooKeeper;
    private EmbeddedPostgres postgres;
    private DataConnectorSimulator sim;
    private final Map<String, String> accountIds = new LinkedHashMap<>();
    private final List<EtlNode> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // the real server (ZooKeeperServerMain) in this JVM; a short tick allows a short session timeout
        zooKeeper = new TestingServer(new InstanceSpec(work.resolve("zookeeper").toFile(), -1, -1, -1, true, 1,
                TICK_MILLIS, 20), true);
        postgres = EmbeddedPostgres.builder().start();
        for (String account : ACCOUNTS) {
            accountIds.put(account, UUID.randomUUID().toString());
        }
        sim = DataConnectorSimulator.builder().accountId(accountIds.get("north")).acceptAnyAccount(true)
                .instantJobs().rowsPerTable(200).build().start();
        sim.setExtractTables(TABLES);
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

    /** A node's configuration: the three accounts, schema {@code <schemaPrefix><account>} each. */
    private Map<String, String> nodeConfig(String name, String schemaPrefix) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String account : ACCOUNTS) {
            String token = token(name, account);
            sim.registerAccessToken(token);
            p.put("accounts." + account + ".account-id", accountIds.get(account));
            p.put("accounts." + account + ".access-token", token);
            p.put("accounts." + account + ".base-url", sim.baseUrl());
            p.put("accounts." + account + ".retry-delay", "50");
            p.put("accounts." + account + ".warehouse-schema", schemaPrefix + account);
        }
        p.put("warehouse.url", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("warehouse.username", "postgres");
        p.put("warehouse.password", "postgres");
        p.put("warehouse.schema", schemaPrefix + "default");
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

    private static String token(String node, String account) {
        return node + "-" + account + "-token";
    }

    private EtlNode startNode(String name, Map<String, String> config, String... args) {
        EtlNode node = EtlNode.start(name, work, config, args);
        nodes.add(node);
        return node;
    }

    @Test
    void theFollowerTakesOverAKilledLeaderAndEveryJobOfEveryAccountIsLoadedOnce() throws Exception {
        Map<String, String> configA = nodeConfig("node-a", "ha_");
        configA.put("camel.beans.haPause", "#class:" + PauseAtStaged.class.getName());
        configA.put("camel.beans.haPause.table", "admin_users");
        EtlNode a = startNode("node-a", configA);
        a.awaitLine("started in", STARTUP);
        for (String account : ACCOUNTS) {
            awaitCalls(token("node-a", account), Operation.LIST_JOBS, 1, a);
        }

        // the follower: up, in the election, and silent while the leader polls every account
        EtlNode b = startNode("node-b", nodeConfig("node-b", "ha_"));
        b.awaitLine("started in", STARTUP);
        for (String account : ACCOUNTS) {
            String token = token("node-a", account);
            awaitCalls(token, Operation.LIST_JOBS, calls(token, Operation.LIST_JOBS) + 2, a);
        }
        b.assertAlive();
        assertThat(callsOfNode("node-b")).as("API calls of the follower while the leader lives").isZero();

        // the leader downloads each account's first job and is killed with admin_users of each staged, uncommitted
        Map<String, SimJob> first = new LinkedHashMap<>();
        ACCOUNTS.forEach(account -> first.put(account, job(account, 10)));
        await().atMost(LOAD).pollInterval(Duration.ofMillis(20)).until(() -> {
            a.assertAlive();
            return a.stdout.stream().filter(l -> l.startsWith(PauseAtStaged.MARKER)).count() == ACCOUNTS.size();
        });
        assertThat(sim.recordedRequests(Operation.DOWNLOAD)).as("the leader's downloads").hasSize(ACCOUNTS.size());
        assertThat(callsOfNode("node-b")).as("API calls of the follower during the leader's loads").isZero();
        Map<String, String> callsByA = new LinkedHashMap<>();
        ACCOUNTS.forEach(account -> callsByA.put(account, callsByOperation(token("node-a", account))));
        int totalByA = callsOfNode("node-a");
        Instant killedAt = Instant.now();
        assertThat(a.kill()).as("SIGKILL").isEqualTo(137);

        await().atMost(LOAD).pollInterval(Duration.ofMillis(50)).until(() -> {
            b.assertAlive();
            return ACCOUNTS.stream().anyMatch(acc -> calls(token("node-b", acc), Operation.LIST_JOBS) > 0);
        });
        Duration takeover = Duration.between(killedAt, Instant.now());
        assertThat(takeover).as("kill to the new leader's first poll: session timeout + a cron period at most")
                .isLessThan(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 2L * TICK_MILLIS + CRON_MILLIS + 2500));

        for (String account : ACCOUNTS) {
            awaitLoaded(account, first.get(account), b);
        }
        assertThat(java.util.stream.Stream.concat(b.stdout.stream(), b.stderr.stream())
                .filter(l -> l.contains("took over a claim whose lease had run out")).count())
                .as("the dead leader's claims taken over, one per account").isEqualTo(ACCOUNTS.size());
        Map<String, SimJob> second = new LinkedHashMap<>();
        ACCOUNTS.forEach(account -> second.put(account, job(account, 1)));
        for (String account : ACCOUNTS) {
            awaitLoaded(account, second.get(account), b);
            String token = token("node-b", account);
            awaitCalls(token, Operation.LIST_JOBS, calls(token, Operation.LIST_JOBS) + 2, b);
        }

        for (String account : ACCOUNTS) {
            String schema = "ha_" + account;
            for (SimJob job : List.of(first.get(account), second.get(account))) {
                Map<String, Map<String, Object>> history = history(schema, job.id());
                assertThat(history).as("history of " + job.id() + " in " + schema).containsKey("*")
                        .hasSize(TABLES.size() + 1);
                history.forEach((file, row) -> {
                    assertThat(row.get("status")).as(job.id() + " " + file).isEqualTo("success");
                    assertThat(((Number) row.get("attempts")).intValue()).as(job.id() + " " + file + " attempts")
                            .isEqualTo(1);
                    assertThat(row.get("account_id")).as(job.id() + " " + file + " account")
                            .isEqualTo(accountIds.get(account));
                });
            }
            assertThat(query("SELECT job_id FROM " + schema + ".dc_job_claims")).as("claims left in " + schema)
                    .isEmpty();
            assertThat(tables(schema)).as("staging tables left in " + schema).noneMatch(t -> t.startsWith("_stage_"));
            assertThat(calls(token("node-b", account), Operation.GET_JOB_FILE_URL))
                    .as("signed URLs the new leader asked for " + account + ": one per job").isEqualTo(2);
            assertThat(requests(token("node-b", account))).as("the new leader's calls for " + account)
                    .allSatisfy(r -> assertThat(r.path()).contains(accountIds.get(account)));
        }
        assertThat(sim.recordedRequests(Operation.DOWNLOAD))
                .as("downloads: the killed leader's, then one per job by the new leader").hasSize(3 * ACCOUNTS.size());
        assertThat(callsOfNode("node-a")).as("no call of the dead leader after the kill").isEqualTo(totalByA);
        Map<String, String> callsByB = new LinkedHashMap<>();
        ACCOUNTS.forEach(account -> callsByB.put(account, callsByOperation(token("node-b", account))));

        b.close();
        Map<String, String> reference = nodeConfig("reference", "ref_");
        reference.remove("etl.cluster.namespace");
        EtlNode ref = startNode("reference", reference, "--once");
        assertThat(ref.waitFor(LOAD)).as(ref.output()).isZero();
        int tables = 0;
        for (String account : ACCOUNTS) {
            Map<String, String> loaded = snapshot("ha_" + account);
            assertThat(loaded).as("tables of " + account + " after the failover").hasSize(TABLES.size())
                    .isEqualTo(snapshot("ref_" + account));
            tables += loaded.size();
        }

        String result = String.format("HA failover, %d accounts: ZooKeeper session timeout %d ms, cron %d ms, claim "
                                      + "lease %d ms; kill -9 of the leader to the follower's first poll: %d ms; "
                                      + "API calls of node A (leader, killed) per account: %s; of node B (follower, "
                                      + "then leader) per account: %s; node B before the kill: 0; %d tables equal to "
                                      + "a reference load; %d jobs loaded once",
                ACCOUNTS.size(), SESSION_TIMEOUT_MILLIS, CRON_MILLIS, CLAIM_LEASE_MILLIS, takeover.toMillis(),
                callsByA, callsByB, tables, 2 * ACCOUNTS.size());
        System.out.println(result);
        java.nio.file.Files.writeString(Path.of("target", "ha-it-result.txt"), result + System.lineSeparator());
    }

    private SimJob job(String account, int ageMinutes) {
        return sim.seedCompletedJob(sim.seedRequest(accountIds.get(account)).id(), "success",
                Instant.now().minus(Duration.ofMinutes(ageMinutes)));
    }

    private List<RecordedRequest> requests(String token) {
        return sim.recordedRequests().stream().filter(r -> r.bearerToken().filter(token::equals).isPresent())
                .toList();
    }

    /** @return the API calls a node made, for any account */
    private int callsOfNode(String node) {
        return (int) sim.recordedRequests().stream()
                .filter(r -> r.bearerToken().filter(t -> t.startsWith(node + "-")).isPresent()).count();
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

    private void awaitLoaded(String account, SimJob job, EtlNode node) {
        await().atMost(LOAD).pollInterval(Duration.ofMillis(100)).ignoreException(SQLException.class).until(() -> {
            node.assertAlive();
            Map<String, Object> marker = history("ha_" + account, job.id()).get("*");
            return marker != null && "success".equals(marker.get("status"));
        });
    }

    private Map<String, Map<String, Object>> history(String schema, String jobId) throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT file_name, status, attempts, account_id FROM " + schema
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
