package io.dataconnector.camel.etl;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone ETL (Camel Main). Modes:
 * <ul>
 * <li>default: runs until stopped, loading new completed jobs at every {@code etl.cron} poll of the completed-job consumer;</li>
 * <li>{@code --once} (or {@code etl.once=true}): loads every pending completed job oldest first, prints a per-table
 * summary and exits 0 when every load succeeded, 1 otherwise (2 for a configuration or startup error);</li>
 * <li>{@code --sandbox}: starts the API simulator in-process, has it complete a job, and runs once into the
 * configured (by default embedded DuckDB) warehouse.</li>
 * </ul>
 * With {@code etl.cluster.namespace} set (continuous mode), only the leader of that cluster namespace polls
 * ({@link LeaderOnlyPolling}); the cluster service is a {@code camel.beans.*} bean.
 * Configuration: {@code etl-defaults.properties} (built in) &lt; {@code <config dir>/application.properties} &lt;
 * {@code <config dir>/application-<profile>.properties} &lt; system properties and environment variables.
 */
public final class EtlApplication {

    public static final int EXIT_OK = 0;
    public static final int EXIT_LOAD_FAILED = 1;
    public static final int EXIT_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(EtlApplication.class);

    private final PrintStream out;
    private final Map<String, String> testProperties;
    private volatile Main main;

    public EtlApplication(PrintStream out, Map<String, String> testProperties) {
        this.out = out;
        this.testProperties = testProperties;
    }

    public static void main(String[] args) {
        int code = new EtlApplication(System.out, Map.of()).run(args);
        System.exit(code);
    }

    /** Parsed command line. */
    record Options(boolean once, boolean sandbox, String profile, Path configDir, boolean help) {

        static Options parse(String[] args) {
            boolean once = false;
            boolean sandbox = false;
            boolean help = false;
            String profile = null;
            Path config = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--once" -> once = true;
                    case "--sandbox" -> sandbox = true;
                    case "--help", "-h" -> help = true;
                    case "--profile" -> profile = value(args, ++i, a);
                    case "--config" -> config = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--profile=")) {
                            profile = a.substring("--profile=".length());
                        } else if (a.startsWith("--config=")) {
                            config = Path.of(a.substring("--config=".length()));
                        } else {
                            throw new IllegalArgumentException("Unknown argument '" + a + "' (see --help)");
                        }
                    }
                }
            }
            return new Options(once || sandbox, sandbox, profile, config, help);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /** Runs the application; returns the exit code (never calls System.exit). */
    public int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return EXIT_ERROR;
        }
        if (options.help()) {
            out.println(usage());
            return EXIT_OK;
        }
        DataConnectorSimulator sim = null;
        try {
            Properties props = configuration(options);
            boolean once = options.once() || Boolean.parseBoolean(lookup(props, "etl.once"));
            main = new Main();
            main.setInitialProperties(props);
            if (once) {
                // the scheduled trigger is not even created: a run-once process polls exactly once, by itself
                main.addOverrideProperty("camel.main.routes-exclude-pattern", "**/etl-trigger.yaml");
            }
            if (options.sandbox()) {
                sim = startSandboxSimulator(props);
                main.addOverrideProperty("camel.component.dataconnector.base-url", sim.baseUrl());
                main.addOverrideProperty("camel.component.dataconnector.account-id", sim.accountId());
                main.addOverrideProperty("camel.component.dataconnector.access-token", sim.defaultAccessToken());
            }
            main.configure().addRoutesBuilder(new EtlRoutes());
            String namespace = lookup(props, LeaderOnlyPolling.NAMESPACE_KEY);
            if (!once && namespace != null && !namespace.isBlank()) {
                // Camel Main applies every RoutePolicyFactory of the registry to the routes it creates
                main.bind("dcEtlLeaderOnlyPolling",
                        new LeaderOnlyPolling(namespace, LeaderOnlyPolling.POLL_ROUTE_PREFIX));
                LOG.info("Leader election: the poll routes run on the leader of cluster namespace '{}' only",
                        namespace.trim());
            }
            if (!once) {
                main.run();
                return EXIT_OK;
            }
            return runOnce(options.sandbox());
        } catch (Exception e) {
            LOG.error("The ETL could not run: {}", e.getMessage(), e);
            out.println("ETL error: " + e.getMessage());
            return EXIT_ERROR;
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }

    private int runOnce(boolean sandbox) throws Exception {
        main.start();
        try {
            RunSummary summary = main.getCamelContext().getRegistry().lookupByNameAndType(EtlRoutes.SUMMARY,
                    RunSummary.class);
            EtlSettings settings = main.getCamelContext().getRegistry().lookupByNameAndType(EtlRoutes.SETTINGS,
                    EtlSettings.class);
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            Exchange result = template.send("direct:dc-etl-discover", e -> e.getMessage().setBody(null));
            boolean ok = summary.isSuccess();
            out.println();
            out.println("Data Connector ETL" + (sandbox ? " (sandbox)" : "") + ": warehouse "
                        + EtlBeans.redactUrl(settings.warehouseUrl()) + ", schema " + settings.warehouse().schema());
            out.print(summary.format());
            if (result.getException() != null) {
                ok = false;
                out.println("Run failed: " + result.getException().getMessage());
            }
            return ok ? EXIT_OK : EXIT_LOAD_FAILED;
        } finally {
            main.stop();
        }
    }

    /** Stops a running (non-once) application, e.g. from a test. */
    public void stop() {
        Main m = main;
        if (m != null) {
            m.completed();
        }
    }

    private DataConnectorSimulator startSandboxSimulator(Properties props) {
        int rows = Integer.parseInt(lookup(props, "sandbox.rows"));
        DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(rows)
                .seed(System.nanoTime()).build().start();
        sim.seedCompleteSuccessJob();
        LOG.info("Sandbox: simulator on {} with a completed job ({} rows per table)", sim.baseUrl(), rows);
        return sim;
    }

    /** The merged properties files (system properties and environment variables are applied by Camel on top). */
    Properties configuration(Options options) throws IOException {
        Properties props = new Properties();
        try (InputStream in = EtlApplication.class.getResourceAsStream("/etl-defaults.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        Path dir = options.configDir() != null ? options.configDir()
                : Path.of(firstNonBlank(System.getProperty("etl.config-dir"), System.getenv("ETL_CONFIG_DIR"),
                        "config"));
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve("application.properties"));
        String profile = firstNonBlank(options.profile(), System.getProperty("etl.profile"), System.getenv("ETL_PROFILE"),
                null);
        if (profile != null) {
            Path p = dir.resolve("application-" + profile + ".properties");
            if (!Files.exists(p)) {
                throw new IOException("No profile file " + p);
            }
            files.add(p);
        }
        for (Path f : files) {
            if (Files.exists(f)) {
                try (InputStream in = Files.newInputStream(f)) {
                    props.load(in);
                }
                LOG.info("Configuration: {}", f);
            }
        }
        props.putAll(testProperties);
        return props;
    }

    /** A key's value as Camel will see it: system property, then environment variable, then the files. */
    static String lookup(Properties props, String key) {
        String v = System.getProperty(key);
        if (v == null) {
            v = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return v != null ? v : props.getProperty(key);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static String usage() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--once", "load every pending completed job, print a summary, exit 0 (all loaded) or 1");
        o.put("--sandbox", "no ACC account needed: in-process API simulator, one completed job, run once");
        o.put("--profile NAME", "also read <config>/application-NAME.properties (e.g. postgres, production)");
        o.put("--config DIR", "the configuration directory (default ./config)");
        StringBuilder sb = new StringBuilder("Usage: java -jar camel-dataconnector-etl.jar [options]\n");
        o.forEach((k, v) -> sb.append(String.format("  %-16s %s%n", k, v)));
        sb.append("Every configuration key can be overridden with -Dkey=value or an environment variable "
                  + "(warehouse.url -> WAREHOUSE_URL).");
        return sb.toString();
    }
}
