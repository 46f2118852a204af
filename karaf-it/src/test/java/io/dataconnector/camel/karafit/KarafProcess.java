package io.dataconnector.camel.karafit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Karaf started as a child process ({@code bin/karaf daemon}, which execs the JVM) and talked to through
 * {@code bin/client -b} (commands on standard input). {@link #close()} stops it: SIGTERM, then a kill after
 * {@link #STOP_GRACE}; nothing is left running.
 */
final class KarafProcess implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(180);

    private final KarafHome karaf;
    private final KarafPorts ports;
    private final Process process;

    private KarafProcess(KarafHome karaf, KarafPorts ports, Process process) {
        this.karaf = karaf;
        this.ports = ports;
        this.process = process;
    }

    static KarafProcess start(KarafHome karaf, KarafPorts ports) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(karaf.path().resolve("bin/karaf").toString(), "daemon")
                .directory(karaf.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(karaf.path().resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_MAX_MEM", "384m");
        return new KarafProcess(karaf, ports, builder.start());
    }

    /** The outcome of one {@code bin/client} session: its exit code and everything it printed. */
    record ShellResult(int exitCode, String output) {
        boolean failed() {
            return exitCode != 0 || output.contains("Error executing command");
        }
    }

    /**
     * Runs the commands in one SSH session, waiting (retrying the connection once a second) until the shell is up.
     *
     * @throws IllegalStateException when Karaf has exited or the session does not end within 180 s
     */
    ShellResult shell(String... commands) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Karaf has exited with " + process.exitValue() + "; see "
                    + karaf.path().resolve("karaf.out") + " and " + karaf.log());
        }
        Path output = Files.createTempFile(karaf.path(), "client", ".out");
        ProcessBuilder builder = new ProcessBuilder(List.of(karaf.path().resolve("bin/client").toString(),
                "-h", "127.0.0.1", "-a", Integer.toString(ports.ssh()), "-u", KarafHome.USER,
                "-p", KarafHome.PASSWORD, "-r", "120", "-d", "1", "-b"))
                .directory(karaf.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        try (OutputStream stdin = client.getOutputStream()) {
            stdin.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!client.waitFor(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("bin/client did not finish within " + SHELL_TIMEOUT + ": "
                    + String.join("; ", commands));
        }
        return new ShellResult(client.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The last {@code lines} lines of Karaf's log, for failure messages. */
    String logTail(int lines) throws IOException {
        if (!Files.exists(karaf.log())) {
            return "(no " + karaf.log() + ")";
        }
        List<String> all = Files.readAllLines(karaf.log(), StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
