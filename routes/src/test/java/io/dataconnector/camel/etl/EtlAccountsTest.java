package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many accounts in one configuration ({@code accounts.<name>.*}, {@link EtlAccounts}): the launcher in run-once mode
 * against one simulator serving three accounts (each lists only its own jobs, each account has its own access
 * token) and one DuckDB warehouse.
 */
class EtlAccountsTest {

    @TempDir
    Path work;

    final String north = UUID.randomUUID().toString();
    final String south = UUID.randomUUID().toString();
    final String west = UUID.randomUUID().toString();
    final Map<String, String> accountIds = Map.of("north", north, "south", south, "west", west);
    DataConnectorSimulator sim;
    String output = "";

    @BeforeEach
    void start() {
        sim = DataConnectorSimulator.builder().accountId(north).acceptAnyAccount(true).instantJobs().rowsPerTable(5)
                .build().start();
        sim.setExtractTables(List.of("admin_users", "issues_issues"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SimJob job(String accountId) {
        return sim.seedCompletedJob(sim.seedRequest(accountId).id(), "success",
                Instant.now().minus(Duration.ofMinutes(30)));
    }

    /** The three accounts, each with its own token (registered unless {@code bad}) and schema {@code wh_<name>}. */
    private Map<String, String> config(String... badTokenAccounts) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb"));
        p.put("etl.work-dir", work.resolve("work").toString());
        for (String name : List.of("north", "south", "west")) {
            String token = name + "-token";
            if (!List.of(badTokenAccounts).contains(name)) {
                sim.registerAccessToken(token);
            }
            p.put("accounts." + name + ".account-id", accountIds.get(name));
            p.put("accounts." + name + ".access-token", token);
            p.put("accounts." + name + ".base-url", sim.baseUrl());
            p.put("accounts." + name + ".retry-delay", "50");
            p.put("accounts." + name + ".max-retries", "1");
            p.put("accounts." + name + ".warehouse-schema", "wh_" + name);
        }
        return p;
    }

    private int run(Map<String, String> config, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config=" + work.resolve("no-config"));
        int code = new EtlApplication(new PrintStream(bytes, true, StandardCharsets.UTF_8), config)
                .run(all.toArray(String[]::new));
        output = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void runOnceLoadsEveryAccountWithItsOwnTokenIntoItsOwnSchema() throws Exception {
        Map<String, SimJob> jobs = new LinkedHashMap<>();
        accountIds.forEach((name, id) -> jobs.put(name, job(id)));

        assertThat(run(config(), "--once")).as(output).isZero();

        assertThat(output).contains("schemas wh_north, wh_south, wh_west");
        for (Map.Entry<String, String> account : accountIds.entrySet()) {
            String name = account.getKey();
            String schema = "wh_" + name;
            List<RecordedRequest> calls = sim.recordedRequests().stream()
                    .filter(r -> r.operation() != Operation.DOWNLOAD && r.path().contains(account.getValue()))
                    .toList();
            assertThat(calls).as("API calls for account " + name).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.bearerToken()).as(r.toString()).contains(name + "-token"));
            assertThat(calls).as(name + ": one poll, one listing, one signed URL")
                    .extracting(RecordedRequest::operation)
                    .containsExactlyInAnyOrder(Operation.LIST_JOBS, Operation.LIST_JOB_FILES,
                            Operation.GET_JOB_FILE_URL);
            assertThat(scalar("SELECT count(*) FROM " + schema + ".admin_users")).as(schema + ".admin_users")
                    .isEqualTo("5");
            assertThat(rows("SELECT DISTINCT job_id, status, account_id FROM " + schema + ".dc_load_history"))
                    .as("the history of " + schema + ": only its account's job, every row carrying the account")
                    .containsExactly(jobs.get(name).id() + " success " + account.getValue());
        }
        assertThat(rows("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_name"
                        + " = 'admin_users' ORDER BY 1"))
                .as("each account's tables in its own schema only")
                .containsExactly("wh_north.admin_users", "wh_south.admin_users", "wh_west.admin_users");
    }

    @Test
    void runOnceWaitsForEveryAccountAndItsExitCodeReportsAFailedPoll() throws Exception {
        Map<String, SimJob> jobs = new LinkedHashMap<>();
        accountIds.forEach((name, id) -> jobs.put(name, job(id)));

        assertThat(run(config("south"), "--once")).as(output).isEqualTo(EtlApplication.EXIT_LOAD_FAILED);

        assertThat(output).contains("Run failed (dc-etl-poll-south)").doesNotContain("south-token");
        for (String name : List.of("north", "west")) {
            assertThat(scalar("SELECT status FROM wh_" + name + ".dc_load_history WHERE file_name = '*' AND job_id = '"
                              + jobs.get(name).id() + "'")).as(name + " loaded although south failed")
                    .isEqualTo("success");
        }
        assertThat(scalar("SELECT count(*) FROM wh_south.dc_load_history")).isEqualTo("0");
    }

    @Test
    void rearmReArmsAGoneJobInTheSchemaOfItsAccount() throws Exception {
        Map<String, SimJob> jobs = new LinkedHashMap<>();
        accountIds.forEach((name, id) -> jobs.put(name, job(id)));
        String southJob = jobs.get("south").id();
        sim.faults().enqueue(Fault.status(404).message("ERR_RESOURCE_NOT_EXIST: The requested resource does not exist.")
                .on("GET", southJob + "/data-listing").times(50));
        Map<String, String> config = config();
        assertThat(run(config, "--once")).as(output).isEqualTo(EtlApplication.EXIT_LOAD_FAILED);
        String jobRow = "SELECT status FROM wh_south.dc_load_history WHERE file_name = '*' AND job_id = '" + southJob
                        + "'";
        assertThat(scalar(jobRow)).isEqualTo("gone");

        sim.faults().clear();
        config.put("etl.rearm", southJob);
        assertThat(run(config, "--once")).as(output).isZero();

        assertThat(scalar(jobRow)).isEqualTo("success");
        assertThat(scalar("SELECT count(*) FROM wh_south.admin_users")).isEqualTo("5");
    }

    @Test
    void anUnknownAccountKeyFailsTheStartNamingIt() {
        Map<String, String> config = config();
        config.put("accounts.west.client-secrte", "s3cr3t-value");

        assertThat(run(config, "--once")).isEqualTo(EtlApplication.EXIT_ERROR);
        assertThat(output).contains("accounts.west.client-secrte is not an account key").doesNotContain("s3cr3t");
    }

    @Test
    void anAccountWithoutAccountIdFailsTheStartNamingTheKey() {
        Map<String, String> config = config();
        config.remove("accounts.south.account-id");

        assertThat(run(config, "--once")).isEqualTo(EtlApplication.EXIT_ERROR);
        assertThat(output).contains("accounts.south.account-id is required");
    }

    @Test
    void twoAccountsInOneSchemaFailTheStartNamingTheKey() {
        Map<String, String> config = config();
        config.put("accounts.west.warehouse-schema", "wh_north");

        assertThat(run(config, "--once")).isEqualTo(EtlApplication.EXIT_ERROR);
        assertThat(output).contains("accounts.west.warehouse-schema names schema wh_north, the schema of account "
                                    + "'north' too");
    }

    @Test
    void twoAccountsWithOneTokenStoreFailTheStartNamingTheKey() {
        Map<String, String> config = config();
        config.put("accounts.north.token-store", work.resolve("refresh-token").toString());
        config.put("accounts.south.token-store", work.resolve("refresh-token").toString());

        assertThat(run(config, "--once")).isEqualTo(EtlApplication.EXIT_ERROR);
        assertThat(output).contains("accounts.south.token-store is the token store of account 'north' too");
    }

    private String scalar(String sql) throws Exception {
        List<String> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Each row's columns joined by a space. */
    private List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cols.add(rs.getString(i));
                }
                out.add(String.join(" ", cols));
            }
        }
        return out;
    }
}
