package io.dataconnector.camel.etl;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The ETL application as a real separate JVM ({@code java -cp <test classpath> EtlApplication ...}), its stdout and
 * stderr captured line by line, so a test can wait for a marker, {@code kill -9} it ({@link Process#destroyForcibly()})
 * and read its exit code.
 */
final class ChildEtl implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger CONFIGS = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();

    private final List<Thread> pumps = new ArrayList<>();

    private ChildEtl(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), stdout));
        pumps.add(pump(process.getErrorStream(), stderr));
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
            java.nio.file.Files.createDirectories(configDir);
            java.util.Properties p = new java.util.Properties();
            p.putAll(config);
            try (var out = java.nio.file.Files.newOutputStream(configDir.resolve("application.properties"))) {
                p.store(out, "child ETL");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EtlApplication.class.getName());
        cmd.addAll(List.of(args));
        cmd.add("--config=" + configDir);
        try {
            return new ChildEtl(new ProcessBuilder(cmd).directory(dir.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread pump(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "child-etl-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until a stdout line contains the text (fails early if the process exits first). */
    String awaitStdout(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (stdout.stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The ETL exited with " + process.exitValue() + " before printing '" + text
                                         + "':\n" + output());
            }
            return false;
        });
        return stdout.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    /** SIGKILL, then the exit code (137 = 128 + 9). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        int code = process.waitFor();
        for (Thread t : pumps) {
            t.join(5000);
        }
        return code;
    }

    int waitFor(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The ETL did not exit within " + atMost + ":\n" + output());
        }
        for (Thread t : pumps) {
            t.join(5000); // every line read
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return String.join("\n", stdout) + "\n--- stderr ---\n" + String.join("\n", stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
