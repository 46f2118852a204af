package io.dataconnector.camel.etl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Collects the outcome of every {@link Scenario} test with the evidence the test noted ({@link #evidence(String,
 * Object...)}), and (re)writes the results table after each test class to the file named by the system property
 * {@code reliability.results} (default {@code target/reliability-results.md}). The suite runs in one JVM, so the
 * last write holds every scenario.
 */
public class ScenarioReport implements BeforeEachCallback, TestWatcher, AfterAllCallback {

    private record Row(String id, String title, String outcome, long millis, List<String> evidence) {
    }

    private static final Map<String, Row> ROWS = new TreeMap<>(ScenarioReport::compareIds);
    private static final List<String> CURRENT = new ArrayList<>();
    private static long started;

    /** Notes a fact that proves the outcome (row counts, checksums, exit codes, history rows...). */
    public static synchronized void evidence(String format, Object... args) {
        CURRENT.add(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (ScenarioReport.class) {
            CURRENT.clear();
            started = System.nanoTime();
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "PASS", null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String m = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        record(context, "FAIL", cause.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, "SKIPPED", String.valueOf(cause.getMessage()));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, "SKIPPED", reason.orElse("disabled"));
    }

    private static synchronized void record(ExtensionContext context, String outcome, String failure) {
        Scenario s = context.getTestMethod().map(m -> m.getAnnotation(Scenario.class)).orElse(null);
        if (s == null) {
            return;
        }
        List<String> evidence = new ArrayList<>(CURRENT);
        if (failure != null) {
            evidence.add(failure);
        }
        ROWS.put(s.id(), new Row(s.id(), s.title(), outcome, (System.nanoTime() - started) / 1_000_000, evidence));
        CURRENT.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        write(Path.of(System.getProperty("reliability.results", "target/reliability-results.md")));
    }

    static synchronized void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| id | scenario | outcome | evidence | s |\n|---|---|---|---|---|\n");
        for (Row r : ROWS.values()) {
            sb.append("| ").append(r.id()).append(" | ").append(cell(r.title())).append(" | ").append(r.outcome())
                    .append(" | ").append(cell(String.join("; ", r.evidence()))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", r.millis() / 1000.0)).append(" |\n");
        }
        long pass = ROWS.values().stream().filter(r -> r.outcome().equals("PASS")).count();
        sb.append('\n').append(pass).append(" of ").append(ROWS.size()).append(" scenarios passed.\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static int compareIds(String a, String b) {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        int c = a.substring(0, Math.max(da, 0)).compareTo(b.substring(0, Math.max(db, 0)));
        if (c != 0) {
            return order(a) - order(b) != 0 ? order(a) - order(b) : c;
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(da + 1)), Integer.parseInt(b.substring(db + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static int order(String id) {
        String[] groups = {"CRASH", "TRANSPORT", "HOSTILE", "SECRETS", "TLS", "CALLBACK"};
        for (int i = 0; i < groups.length; i++) {
            if (id.startsWith(groups[i])) {
                return i;
            }
        }
        return groups.length;
    }
}
