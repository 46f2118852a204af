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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child process (an ETL launcher JVM, for the crash and failover tests of other modules through this module's
 * test-jar) with its stdout and stderr captured line by line, so a test can wait for a line, {@code kill -9} it and
 * read its exit code. {@link #close()} kills it if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    /** The lines of stdout so far. */
    public final List<String> stdout = new CopyOnWriteArrayList<>();
    /** The lines of stderr so far. */
    public final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        pumps.add(pump(process.getInputStream(), stdout));
        pumps.add(pump(process.getErrorStream(), stderr));
    }

    /**
     * Starts {@code command} in {@code dir}.
     *
     * @param name what messages call it, e.g. {@code ETL node a}
     */
    public static ChildJvm start(String name, Path dir, List<String> command) {
        try {
            return new ChildJvm(name, new ProcessBuilder(command).directory(dir.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <java.home>/bin/java}, the JVM the tests run on. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
        }, "child-jvm-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until a line of stdout or stderr contains the text; fails at once if the process exits first. */
    public void awaitLine(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (hasLine(text)) {
                return true;
            }
            assertAlive();
            return false;
        });
    }

    /** Waits until a stdout line contains the text (fails at once if the process exits first); returns that line. */
    public String awaitStdout(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (stdout.stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + text
                                         + "':\n" + output());
            }
            return false;
        });
        return stdout.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    /** Whether a line of stdout or stderr contains the text. */
    public boolean hasLine(String text) {
        return stdout.stream().anyMatch(l -> l.contains(text)) || stderr.stream().anyMatch(l -> l.contains(text));
    }

    /** @throws AssertionError with its exit code and output when the process has exited */
    public void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then the exit code (137 = 128 + 9) once every line is read. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        int code = process.waitFor();
        joinPumps();
        return code;
    }

    /** Waits for the process to exit by itself, then its exit code once every line is read. */
    public int waitFor(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + atMost + ":\n" + output());
        }
        joinPumps();
        return process.exitValue();
    }

    /** SIGTERM (Camel's graceful shutdown), SIGKILL if it still runs after {@code grace}. */
    public void terminate(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void joinPumps() throws InterruptedException {
        for (Thread t : pumps) {
            t.join(5000);
        }
    }

    /** stdout, then stderr, each under a header naming the process. */
    public String output() {
        return "--- " + name + " stdout ---\n" + String.join("\n", stdout) + "\n--- " + name + " stderr ---\n"
               + String.join("\n", stderr);
    }

    /** SIGKILL if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
