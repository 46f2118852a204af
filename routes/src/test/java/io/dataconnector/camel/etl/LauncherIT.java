package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production launcher jar ({@code target/camel-dataconnector-etl.jar}) as a user runs it: a separate JVM,
 * configured by environment variables, against the simulator over loopback HTTP.
 */
class LauncherIT {

    private static final Path JAR = Path.of("target", "camel-dataconnector-etl.jar");

    @TempDir
    Path dir;

    private DataConnectorSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(5).build().start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void anEnvironmentVariableSetsTheComponentsAccessToken() throws Exception {
        String token = "env-token-" + System.nanoTime();
        sim.registerAccessToken(token);
        Run run = runOnce(Map.of("CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN", token,
                "WAREHOUSE_SCHEMA", "from_env"), "");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("schema from_env");
        List<RecordedRequest> api = sim.recordedRequests();
        assertThat(api).as("API calls").isNotEmpty();
        assertThat(api).allSatisfy(r -> assertThat(r.bearerToken()).contains(token));
        assertThat(run.output).doesNotContain(token);
    }

    @Test
    void anEnvPlaceholderInTheConfigurationResolves() throws Exception {
        String token = "placeholder-token-" + System.nanoTime();
        sim.registerAccessToken(token);
        Run run = runOnce(Map.of("DC_TOKEN_FOR_TEST", token),
                "camel.component.dataconnector.access-token={{env:DC_TOKEN_FOR_TEST}}\n");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(sim.recordedRequests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.bearerToken()).contains(token));
    }

    @Test
    void bootsToItsFirstApiCallQuickly() throws Exception {
        sim.seedCompleteSuccessJob();
        sim.registerAccessToken("boot-token");
        Instant started = Instant.now();
        Run run = runOnce(Map.of("CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN", "boot-token"), "");

        assertThat(run.exitCode).as(run.output).isZero();
        Instant first = sim.recordedRequests().stream().map(RecordedRequest::receivedAt)
                .min(Comparator.naturalOrder()).orElseThrow();
        Duration boot = Duration.between(started, first);
        // the launcher's own figure, logged (by its code-configured logging: io.dataconnector at INFO) as the poll begins
        Matcher line = Pattern.compile("INFO  i\\.d\\.c\\.etl\\.RunOnce - Boot: first poll (\\d+) ms after the JVM "
                                       + "started \\(CPU (\\d+\\.\\d+) s\\)").matcher(run.output);
        assertThat(line.find()).as("the boot line in:\n" + run.output).isTrue();
        long loggedMs = Long.parseLong(line.group(1));
        double cpuSeconds = Double.parseDouble(line.group(2));
        System.out.printf("LauncherIT: java -jar to the first API call: %d ms (launcher: first poll after %d ms, "
                          + "CPU %.2f s)%n", boot.toMillis(), loggedMs, cpuSeconds);
        assertThat(loggedMs).as("logged boot vs. measured").isLessThanOrEqualTo(boot.toMillis() + 1500); // the process start time is known to ~1 s
        // The goal, 1.5 s to the first call, is for an idle machine (bench/src/boot_time.py measures it). CI shares
        // its 2 cores with other builds, which stretches wall time several-fold (5-15 s seen) but CPU time hardly:
        // the CPU bound is the real check (2.5-3.0 s here under load, 2.8-3.1 s before the boot work; a class-path
        // scan of the fat jar or an eagerly started subsystem adds 1 s or more); the wall bound only catches a hang.
        assertThat(cpuSeconds).as("CPU seconds to the first poll").isLessThan(4.0);
        assertThat(boot).isLessThan(Duration.ofSeconds(30));
        assertThat(run.output).as("Camel Main stays at WARN (it logs configured values at DEBUG/INFO)")
                .doesNotContain("INFO  o.a.c.main.", "DEBUG");
    }

    @Test
    void helpStatesTheModesAndExitCodesAndVersionPrintsOneLine() throws Exception {
        Run help = run(Map.of(), "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.output).contains("--once", "--profile", "--version", "Exit codes: 0", "1 =", "2 =");
        Run version = run(Map.of(), "--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.output.strip()).matches("camel-dataconnector ETL \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Apache Camel 4\\..*");
    }

    @Test
    void theProductionJarHoldsNoSimulatorClass() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                    .as("entries of " + JAR).hasSizeGreaterThan(1000)
                    .noneMatch(name -> name.startsWith("io/dataconnector/camel/simulator/"));
        }
        Run sandbox = run(Map.of(), "--sandbox");
        assertThat(sandbox.exitCode).isEqualTo(EtlApplication.EXIT_ERROR);
        assertThat(sandbox.output).contains("camel-dataconnector-sandbox.jar");
    }

    private Run runOnce(Map<String, String> env, String config) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("application.properties"),
                "camel.component.dataconnector.base-url=" + sim.baseUrl() + "\n"
                + "camel.component.dataconnector.account-id=" + sim.accountId() + "\n"
                + "warehouse.url=jdbc:duckdb:" + dir.resolve("warehouse.duckdb") + "\n"
                + "etl.work-dir=" + dir.resolve("work") + "\n" + config);
        return run(env, "--once", "--config=" + configDir);
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the launcher jar (built in package)").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CAMEL_") || k.startsWith("WAREHOUSE_") || k.startsWith("ETL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("The launcher did not exit:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
    }
}
