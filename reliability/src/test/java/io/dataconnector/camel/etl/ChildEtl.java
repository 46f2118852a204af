package io.dataconnector.camel.etl;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ETL application as a real separate JVM ({@code java -cp <test classpath> EtlApplication ...}), its stdout and
 * stderr captured line by line ({@link ChildJvm}), so a test can wait for a marker, {@code kill -9} it and read its exit
 * code.
 */
final class ChildEtl implements AutoCloseable {

    private static final AtomicInteger CONFIGS = new AtomicInteger();

    private final ChildJvm jvm;
    final List<String> stdout;
    final List<String> stderr;

    private ChildEtl(ChildJvm jvm) {
        this.jvm = jvm;
        this.stdout = jvm.stdout;
        this.stderr = jvm.stderr;
    }

    /** Starts the app with these system properties and arguments, working directory {@code dir}. */
    static ChildEtl start(Path dir, Map<String, String> systemProperties, String... args) {
        return start(dir, systemProperties, Map.of(), args);
    }

    /**
     * Starts the app with these system properties, these keys in its configuration file (e.g. {@code camel.beans.*}
     * binding a {@link PauseListener}, which Camel Main reads from the configuration only) and arguments, working
     * directory {@code dir}.
     */
    static ChildEtl start(Path dir, Map<String, String> systemProperties, Map<String, String> config,
                          String... args) {
        Path configDir = dir.resolve("child-config-" + CONFIGS.incrementAndGet());
        try {
            Files.createDirectories(configDir);
            Properties p = new Properties();
            p.putAll(config);
            try (OutputStream out = Files.newOutputStream(configDir.resolve("application.properties"))) {
                p.store(out, "child ETL");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto"));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EtlApplication.class.getName()));
        cmd.addAll(List.of(args));
        cmd.add("--config=" + configDir);
        return new ChildEtl(ChildJvm.start("The ETL", dir, cmd));
    }

    /** Waits until a stdout line contains the text (fails early if the process exits first). */
    String awaitStdout(String text, Duration atMost) {
        return jvm.awaitStdout(text, atMost);
    }

    /** SIGKILL, then the exit code (137 = 128 + 9). */
    int kill() throws InterruptedException {
        return jvm.kill();
    }

    int waitFor(Duration atMost) throws InterruptedException {
        return jvm.waitFor(atMost);
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    String output() {
        return jvm.output();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
