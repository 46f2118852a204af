package io.dataconnector.camel.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs one example folder on Camel Main: its {@code application.properties} are the initial properties and
 * {@code example.dir} is the folder's absolute path (the properties name their YAML routes with it).
 *
 * <p>Usage: {@code RunExample <example folder>}; runs until stopped (or until {@code camel.main.duration-*} ends it).
 * Exit code 0 when every exchange completed, 1 when any failed (Camel Main alone would exit 0 after, say, a
 * {@code listJobs} answered with HTTP 401): the failures are logged at ERROR by Camel's error handler, and the count
 * with the first one is printed to stderr.
 */
public final class RunExample {

    private RunExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: RunExample <example folder, e.g. examples/list-and-download-yaml>");
            System.exit(2);
        }
        Main main = create(Path.of(args[0]), Map.of());
        FailedExchanges failures = watchFailures(main);
        main.run();
        if (failures.count() > 0) {
            System.err.println("RunExample: " + failures.count() + " exchange(s) failed; the first: "
                               + failures.first());
            System.exit(1);
        }
    }

    /** Counts the failed exchanges of {@code main}'s Camel context from its start on. */
    static FailedExchanges watchFailures(Main main) {
        FailedExchanges failures = new FailedExchanges();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configured.getCamelContext().getManagementStrategy().addEventNotifier(failures);
            }
        });
        return failures;
    }

    /**
     * A Camel Main for the example in {@code folder}, not started.
     *
     * @param overrides properties that win over the folder's file (and over environment variables it names)
     * @throws IOException when the folder has no readable application.properties
     */
    public static Main create(Path folder, Map<String, String> overrides) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        Path file = dir.resolve("application.properties");
        if (!Files.isRegularFile(file)) {
            throw new IOException("No application.properties in example folder " + dir);
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        props.setProperty("example.dir", dir.toString());
        Main main = new Main();
        main.setInitialProperties(props);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
