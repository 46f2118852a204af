package io.dataconnector.camel.ha;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One ETL launcher as a separate JVM: {@code java -cp <shaded app jar>:<this module's test classes>
 * io.dataconnector.camel.etl.EtlApplication --config=<dir>}, its configuration written to
 * {@code <dir>/application.properties}, stdout and stderr captured line by line.
 */
final class EtlNode implements AutoCloseable {

    final String name;
    private final Process process;
    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private EtlNode(String name, Process process) {
        this.name = name;
        this.process = process;
        pumps.add(pump(process.getInputStream(), stdout));
        pumps.add(pump(process.getErrorStream(), stderr));
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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + testClasses,
                "io.dataconnector.camel.etl.EtlApplication"));
        cmd.addAll(List.of(args));
        cmd.add("--config=" + configDir);
        try {
            return new EtlNode(name, new ProcessBuilder(cmd).directory(dir.toFile()).start());
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
        }, "etl-node-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until a line of stdout or stderr contains the text; fails at once if the process exits first. */
    void awaitLine(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (hasLine(text)) {
                return true;
            }
            assertAlive();
            return false;
        });
    }

    boolean hasLine(String text) {
        return stdout.stream().anyMatch(l -> l.contains(text)) || stderr.stream().anyMatch(l -> l.contains(text));
    }

    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("ETL node " + name + " exited with " + process.exitValue() + ":\n" + output());
        }
    }

    /** SIGKILL; returns the exit code (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        int code = process.waitFor();
        for (Thread t : pumps) {
            t.join(5000);
        }
        return code;
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    int waitFor(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ETL node " + name + " did not exit within " + atMost + ":\n" + output());
        }
        for (Thread t : pumps) {
            t.join(5000);
        }
        return process.exitValue();
    }

    String output() {
        return "--- " + name + " stdout ---\n" + String.join("\n", stdout) + "\n--- " + name + " stderr ---\n"
               + String.join("\n", stderr);
    }

    /** Stops the node: SIGTERM (Camel's graceful shutdown), SIGKILL if it is still there after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
