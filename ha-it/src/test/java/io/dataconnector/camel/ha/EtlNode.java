package io.dataconnector.camel.ha;

import io.dataconnector.camel.etl.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One ETL launcher as a separate JVM: {@code java -cp <shaded app jar>:<this module's test classes>
 * io.dataconnector.camel.etl.EtlApplication --config=<dir>}, its configuration written to
 * {@code <dir>/application.properties}, stdout and stderr captured line by line ({@link ChildJvm}).
 */
final class EtlNode implements AutoCloseable {

    final String name;
    private final ChildJvm jvm;
    final List<String> stdout;
    final List<String> stderr;

    private EtlNode(String name, ChildJvm jvm) {
        this.name = name;
        this.jvm = jvm;
        this.stdout = jvm.stdout;
        this.stderr = jvm.stderr;
    }

    /**
     * Starts a launcher.
     *
     * @param name   the node's name (its configuration directory under {@code dir})
     * @param dir    the working directory
     * @param config the keys of its application.properties
     * @param args   launcher arguments (none = continuous mode)
     */
    static EtlNode start(String name, Path dir, Map<String, String> config, String... args) {
        Path jar = Path.of(System.getProperty("etl.jar", "../routes/target/camel-dataconnector-etl.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No shaded app jar at " + jar.toAbsolutePath()
                                            + ": build with -pl ha-it -am (the routes module shades it)");
        }
        Path configDir = dir.resolve(name);
        try {
            Files.createDirectories(configDir);
            Properties p = new Properties();
            p.putAll(config);
            try (OutputStream out = Files.newOutputStream(configDir.resolve("application.properties"))) {
                p.store(out, "HA test node " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path testClasses = Path.of(PauseAtStaged.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + testClasses,
                "io.dataconnector.camel.etl.EtlApplication"));
        cmd.addAll(List.of(args));
        cmd.add("--config=" + configDir);
        return new EtlNode(name, ChildJvm.start("ETL node " + name, dir, cmd));
    }

    /** Waits until a line of stdout or stderr contains the text; fails at once if the process exits first. */
    void awaitLine(String text, Duration atMost) {
        jvm.awaitLine(text, atMost);
    }

    boolean hasLine(String text) {
        return jvm.hasLine(text);
    }

    void assertAlive() {
        jvm.assertAlive();
    }

    /** SIGKILL; returns the exit code (137). */
    int kill() throws InterruptedException {
        return jvm.kill();
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int waitFor(Duration atMost) throws InterruptedException {
        return jvm.waitFor(atMost);
    }

    String output() {
        return jvm.output();
    }

    /** Stops the node: SIGTERM (Camel's graceful shutdown), SIGKILL if it is still there after 30 s. */
    @Override
    public void close() throws InterruptedException {
        jvm.terminate(Duration.ofSeconds(30));
    }
}
