package io.dataconnector.camel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sandbox command: the shaded sandbox jar loads the simulator's completed job and exits 0. */
class SandboxIT {

    @TempDir
    Path dir;

    @Test
    void theSandboxJarLoadsOneCompletedJobIntoDuckDb() throws Exception {
        Path jar = Path.of("target", "camel-dataconnector-sandbox.jar").toAbsolutePath();
        assertThat(jar).exists();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsandbox.rows=20", "-jar", jar.toString())).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CAMEL_") || k.startsWith("WAREHOUSE_") || k.startsWith("ETL_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Data Connector ETL (sandbox): warehouse jdbc:duckdb:data/warehouse.duckdb")
                // the simulator's real-layout extract: 48 tables
                .containsPattern("48 table\\(s\\) loaded \\([1-9]\\d* rows\\), 0 failed");
        assertThat(dir.resolve("data/warehouse.duckdb")).exists();
    }
}
