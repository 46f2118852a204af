package io.dataconnector.camel.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * Runs one example folder on Camel Main: its {@code application.properties} are the initial properties and
 * {@code example.dir} is the folder's absolute path (the properties name their YAML routes with it).
 *
 * <p>Usage: {@code RunExample <example folder>}; runs until stopped (or until {@code camel.main.duration-*} ends it).
 */
public final class RunExample {

    private RunExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: RunExample <example folder, e.g. examples/list-and-download-yaml>");
            System.exit(2);
        }
        create(Path.of(args[0]), Map.of()).run();
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
