package io.dataconnector.camel.karafit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Apache Karaf, offline, for the user-facing features file (src/main/karaf/features.xml, as attached to the
 * build), typed in the way the README tells a user: {@code feature:repo-add}, {@code feature:install}, the config
 * edits. Camel comes from stand-ins of camel-karaf's features (camel-standin-features.xml). In order:
 * <ol>
 * <li>{@code camel-dataconnector}: a route bundle calls {@code dataconnector:listJobs} against the simulator on
 * 127.0.0.1 in this JVM;</li>
 * <li>{@code camel-dataconnector-etl}: a pax-jdbc DataSource on an embedded PostgreSQL in this JVM, the PID
 * {@code io.dataconnector.etl}, and the ETL's template instance loads a completed job of the simulator;</li>
 * <li>no bundle is left unresolved, failed or waiting.</li>
 * </ol>
 * Karaf is a child process, stopped in {@link #stop()}. Its copy is deleted when every test passes and kept (a temp
 * directory) otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataConnectorInKarafIT {

    private static final String FEATURES = "mvn:io.dataconnector.camel/camel-dataconnector-parent/%s/xml/features";
    private static final String CAMEL_KARAF_FEATURES = "mvn:org.apache.camel.karaf/apache-camel/%s/xml/features";
    private static final String SCHEMA = "karaf_it";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path run;

    private DataConnectorSimulator sim;
    private EmbeddedPostgres pg;
    private KarafProcess karaf;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        sim = DataConnectorSimulator.builder().build().start();
        open.add(sim);
        pg = EmbeddedPostgres.builder().start();
        open.add(pg);
        KarafPorts ports = KarafPorts.free();
        KarafHome home = KarafHome.create(Path.of(required("karaf.distribution")), run.resolve("karaf"),
                Path.of(required("karaf.repo")), ports,
                String.format(CAMEL_KARAF_FEATURES, required("camel-karaf.version")));
        karaf = KarafProcess.start(home, ports);
        open.add(karaf);
        KarafProcess.ShellResult repos = karaf.shell(
                "feature:repo-add " + standInFeatures().toUri(),
                "feature:repo-add " + String.format(FEATURES, required("project.version")));
        assertThat(repos.failed()).as("repo-add session:\n%s\nkaraf.log:\n%s", repos.output(), karaf.logTail(60))
                .isFalse();
    }

    @AfterAll
    void stop() throws Exception {
        Exception failure = null;
        for (int i = open.size() - 1; i >= 0; i--) { // Karaf first, then PostgreSQL and the simulator
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    @Order(1)
    void componentFeatureRunsARouteAgainstTheSimulator() throws Exception {
        Path resultFile = run.resolve("list-jobs.properties");
        SimJob job = sim.seedCompleteSuccessJob();
        // a job still running: the route's filter.status=complete must leave it out
        sim.seedJob(job.requestId(), "running", null, sim.clock().instant().minus(Duration.ofMinutes(1)));
        KarafProcess.ShellResult install = karaf.shell(
                "feature:install camel-dataconnector",
                "config:edit " + KarafItActivator.PID,
                "config:property-set baseUrl " + sim.baseUrl(),
                "config:property-set accountId " + sim.accountId(),
                "config:property-set accessToken " + sim.defaultAccessToken(),
                "config:property-set resultFile " + resultFile,
                "config:update",
                "feature:install dataconnector-karaf-it-route");
        assertThat(install.failed()).as("install session:\n%s\nkaraf.log:\n%s", install.output(),
                karaf.logTail(60)).isFalse();

        awaitOrShowLog("the route's result file " + resultFile, () -> Files.exists(resultFile));
        Properties result = load(resultFile);
        assertThat(result.getProperty("outcome")).as("result %s; karaf.log:\n%s", result, karaf.logTail(60))
                .isEqualTo("jobs");
        assertThat(result.getProperty("ids")).isEqualTo(job.id());
        assertThat(result.getProperty("statuses")).isEqualTo("complete");
        assertThat(sim.recordedRequests("GET", "/jobs$")).as("listJobs calls the simulator saw").isNotEmpty();

        KarafProcess.ShellResult state = karaf.shell("feature:list -i --no-format", "feature:repo-list --no-format");
        assertThat(state.failed()).as(state.output()).isFalse();
        // installed features: name, version, required, state, repository (tab separated)
        assertThat(columns(state.output(), "camel-dataconnector"))
                .as("the component feature comes from the user-facing file:\n%s", state.output())
                .startsWith("camel-dataconnector", required("project.version").replace('-', '.'), "x",
                        "Started", "camel-dataconnector-" + required("project.version"));
        assertThat(columns(state.output(), "camel-core"))
                .as("camel-core is the stand-in, camel-karaf's is blacklisted:\n%s", state.output())
                .startsWith("camel-core", required("camel.version"));
        assertThat(state.output()).doesNotContain("mvn:org.apache.camel.karaf/apache-camel");
    }

    @Test
    @Order(2)
    void etlFeatureLoadsACompletedJobIntoAPaxJdbcDataSource() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        int port = pg.getPort();
        // the README's steps: install, the warehouse DataSource (pax-jdbc-config), the ETL's PID
        KarafProcess.ShellResult install = karaf.shell("feature:install camel-dataconnector-etl");
        assertThat(install.failed()).as("install session:\n%s\nkaraf.log:\n%s", install.output(),
                karaf.logTail(60)).isFalse();
        assertThat(Files.readString(run.resolve("karaf/etc/io.dataconnector.etl.cfg")))
                .as("the feature's example cfg").contains("# etl.look-back = 7d");
        KarafProcess.ShellResult configure = karaf.shell(
                "config:edit --factory --alias warehouse org.ops4j.datasource",
                "config:property-set osgi.jdbc.driver.class org.postgresql.Driver",
                "config:property-set dataSourceName dataconnector-warehouse",
                "config:property-set url jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "config:property-set user postgres",
                "config:property-set password postgres",
                "config:property-set pool hikari",
                "config:update",
                "config:edit io.dataconnector.etl",
                "config:property-set camel.component.dataconnector.base-url " + sim.baseUrl(),
                "config:property-set camel.component.dataconnector.account-id " + sim.accountId(),
                "config:property-set camel.component.dataconnector.access-token " + sim.defaultAccessToken(),
                "config:property-set warehouse.schema " + SCHEMA,
                "config:property-set etl.cron \"0/2 * * * * ?\"",
                "config:property-set etl.work-dir " + run.resolve("etl-work"),
                "config:update");
        assertThat(configure.failed()).as("config session:\n%s\nkaraf.log:\n%s", configure.output(),
                karaf.logTail(60)).isFalse();

        awaitOrShowLog("job " + job.id() + " in the load history", () -> count(
                "SELECT COUNT(*) FROM " + SCHEMA + ".dc_load_history WHERE job_id = ? AND table_name = 'admin_users'"
                        + " AND status = 'success'", job.id()) > 0);
        assertThat(count("SELECT COUNT(*) FROM " + SCHEMA + ".admin_users")).as("warehouse rows").isPositive();
        assertThat(count("SELECT COUNT(*) FROM " + SCHEMA + ".dc_load_history WHERE status <> 'success'"))
                .as("failed or quarantined loads; karaf.log:\n%s", karaf.logTail(60)).isZero();
        assertThat(count("SELECT COUNT(*) FROM " + SCHEMA + ".dc_load_history WHERE job_id = ?", job.id()))
                .as("every file of the job recorded once").isGreaterThan(1);

        KarafProcess.ShellResult state = karaf.shell("feature:list -i --no-format");
        assertThat(columns(state.output(), "camel-dataconnector-etl"))
                .as("the ETL feature comes from the user-facing file:\n%s", state.output())
                .startsWith("camel-dataconnector-etl", required("project.version").replace('-', '.'), "x",
                        "Started", "camel-dataconnector-" + required("project.version"));
    }

    @Test
    @Order(3)
    void noBundleIsUnresolvedFailedOrWaiting() throws Exception {
        KarafProcess.ShellResult state = karaf.shell("bundle:list -t 0 --no-format");
        assertThat(state.failed()).as(state.output()).isFalse();
        List<BundleRow> bundles = BundleRow.parseAll(state.output());
        assertThat(bundles).as(state.output()).hasSizeGreaterThan(40);
        assertThat(bundles).as("bundles in a failure state:\n%s", state.output()).noneMatch(BundleRow::inTrouble);
        assertThat(bundles).filteredOn(b -> Arrays.asList("Camel Data Connector component",
                        "Data Connector Karaf IT route", "Data Connector ETL", "Apache Camel :: Karaf :: OSGi")
                        .contains(b.name()))
                .as(state.output()).hasSize(4).allMatch(b -> b.state().equals("Active"));
    }

    private void awaitOrShowLog(String what, Callable<Boolean> condition) throws IOException {
        try {
            await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nkaraf.log:\n" + karaf.logTail(100), e);
        }
    }

    private long count(String sql, String... parameters) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tab separated, trimmed columns of the first output line whose first column is {@code first}. */
    private static List<String> columns(String output, String first) {
        return output.lines().map(line -> Arrays.stream(line.split("\t")).map(String::trim).toList())
                .filter(columns -> columns.get(0).equals(first)).findFirst().orElse(List.of());
    }

    private static Path standInFeatures() throws URISyntaxException {
        return Path.of(DataConnectorInKarafIT.class.getResource("/camel-standin-features.xml").toURI());
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe)");
        }
        return value;
    }
}
