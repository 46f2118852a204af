package io.dataconnector.camel.karafit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Apache Karaf, offline: the user-facing features file (src/main/karaf/features.xml, as attached to the
 * build) is added with {@code feature:repo-add}, {@code feature:install camel-dataconnector} installs the component
 * on stand-ins of camel-karaf's camel-core/camel-jackson (see camel-standin-features.xml), the route bundle gets its
 * settings through {@code config:property-set} and calls {@code dataconnector:listJobs} against the simulator on
 * 127.0.0.1 in this JVM. The Karaf copy is deleted when the test passes and kept (a temp directory) when it fails.
 */
class ComponentInKarafIT {

    private static final String FEATURES = "mvn:io.dataconnector.camel/camel-dataconnector-parent/%s/xml/features";
    private static final String CAMEL_KARAF_FEATURES = "mvn:org.apache.camel.karaf/apache-camel/%s/xml/features";

    @Test
    void componentFeatureRunsARouteAgainstTheSimulator(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path run)
            throws Exception {
        KarafPorts ports = KarafPorts.free();
        KarafHome home = KarafHome.create(Path.of(required("karaf.distribution")), run.resolve("karaf"),
                Path.of(required("karaf.repo")), ports,
                String.format(CAMEL_KARAF_FEATURES, required("camel-karaf.version")));
        Path resultFile = run.resolve("list-jobs.properties");

        try (DataConnectorSimulator sim = DataConnectorSimulator.builder().build().start()) {
            SimJob job = sim.seedCompleteSuccessJob();
            // a job still running: the route's filter.status=complete must leave it out
            sim.seedJob(job.requestId(), "running", null, sim.clock().instant().minus(Duration.ofMinutes(1)));
            try (KarafProcess karaf = KarafProcess.start(home, ports)) {
                KarafProcess.ShellResult install = karaf.shell(
                        "feature:repo-add " + standInFeatures().toUri(),
                        "feature:repo-add " + String.format(FEATURES, required("project.version")),
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

                try {
                    await("the route's result file " + resultFile).atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> Files.exists(resultFile));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "\nkaraf.log:\n" + karaf.logTail(80), e);
                }
                Properties result = load(resultFile);
                assertThat(result.getProperty("outcome")).as("result %s; karaf.log:\n%s", result, karaf.logTail(60))
                        .isEqualTo("jobs");
                assertThat(result.getProperty("ids")).isEqualTo(job.id());
                assertThat(result.getProperty("statuses")).isEqualTo("complete");
                assertThat(sim.recordedRequests("GET", "/jobs$")).as("listJobs calls the simulator saw")
                        .isNotEmpty();

                KarafProcess.ShellResult state = karaf.shell("feature:list -i --no-format", "feature:repo-list --no-format",
                        "bundle:list -t 0 --no-format");
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
                List<BundleRow> bundles = BundleRow.parseAll(state.output());
                assertThat(bundles).as(state.output()).hasSizeGreaterThan(40);
                assertThat(bundles).as("bundles in a failure state:\n%s", state.output())
                        .noneMatch(BundleRow::inTrouble);
                assertThat(bundles).filteredOn(b -> Arrays.asList(
                                "Camel Data Connector component", "Data Connector Karaf IT route",
                                "Apache Camel :: Karaf :: OSGi").contains(b.name()))
                        .as(state.output()).hasSize(3).allMatch(b -> b.state().equals("Active"));
            }
        }
    }

    /** The tab separated, trimmed columns of the first output line whose first column is {@code first}. */
    private static List<String> columns(String output, String first) {
        return output.lines().map(line -> Arrays.stream(line.split("\t")).map(String::trim).toList())
                .filter(columns -> columns.get(0).equals(first)).findFirst().orElse(List.of());
    }

    private static Path standInFeatures() throws URISyntaxException {
        return Path.of(ComponentInKarafIT.class.getResource("/camel-standin-features.xml").toURI());
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
