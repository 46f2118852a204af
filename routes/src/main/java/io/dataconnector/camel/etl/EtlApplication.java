package io.dataconnector.camel.etl;

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
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone ETL (Camel Main). Modes:
 * <ul>
 * <li>default: runs until stopped, loading new completed jobs at every {@code etl.cron} poll of the completed-job consumer;</li>
 * <li>{@code --once} (or {@code etl.once=true}): loads every pending completed job oldest first, prints a per-table
 * summary and exits 0 when every load succeeded, 1 otherwise (2 for a configuration or startup error);</li>
 * </ul>
 * The sandbox (no ACC account: the API simulator in-process) is a launcher of its own on top of this one
 * ({@code camel-dataconnector-sandbox.jar}, module {@code sandbox}): the production jar holds no simulator.
 * With {@code etl.cluster.namespace} set (continuous mode), only the leader of that cluster namespace polls
 * ({@link LeaderOnlyPolling}); the cluster service is a {@code camel.beans.*} bean.
 * Configuration: {@code etl-defaults.properties} (built in) &lt; {@code <config dir>/application.properties} &lt;
 * {@code <config dir>/application-<profile>.properties} &lt; system properties and environment variables.
 */
public final class EtlApplication {

    public static final int EXIT_OK = 0;
    public static final int EXIT_LOAD_FAILED = 1;
    public static final int EXIT_ERROR = 2;

    /**
     * Obtained on first use, not when the class initialises: setting up logging takes a few hundred ms, and the boot
     * warm-up ({@link BootWarmUp}) starts before it.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(EtlApplication.class);
    }
    /** The routes file of the single-account instance (dc-etl-poll), left out when accounts.* is configured. */
    static final String DEFAULT_INSTANCE = "routes/etl-instance.yaml";

    /**
     * Override properties a launcher built on this one computes from the merged configuration before Camel starts
     * (e.g. the sandbox's simulator URL and token); they win over every other source.
     */
    @FunctionalInterface
    public interface Overrides {
        Map<String, String> from(Properties configuration) throws Exception;
    }

    private final PrintStream out;
    private final Map<String, String> properties;
    private final Overrides overrides;
    private final String title;
    private volatile Main main;

    /**
     * @param out        where the run-once summary and errors are printed
     * @param properties keys added on top of the configuration files (below environment variables and -D)
     */
    public EtlApplication(PrintStream out, Map<String, String> properties) {
        this(out, properties, configuration -> Map.of(), "Data Connector ETL");
    }

    /**
     * @param overrides keys computed from the merged configuration, winning over every source
     * @param title     the summary's heading, e.g. "Data Connector ETL (sandbox)"
     */
    public EtlApplication(PrintStream out, Map<String, String> properties, Overrides overrides, String title) {
        this.out = out;
        this.properties = properties;
        this.overrides = overrides;
        this.title = title;
    }

    public static void main(String[] args) {
        int code = new EtlApplication(System.out, Map.of()).run(args);
        System.exit(code);
    }

    /** Parsed command line. */
    record Options(boolean once, String profile, Path configDir, boolean help, boolean version) {

        static Options parse(String[] args) {
            boolean once = false;
            boolean help = false;
            boolean version = false;
            String profile = null;
            Path config = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--once" -> once = true;
                    case "--sandbox" -> throw new IllegalArgumentException("The sandbox is a launcher of its own: "
                            + "java -jar sandbox/target/camel-dataconnector-sandbox.jar (see the README)");
                    case "--help", "-h" -> help = true;
                    case "--version", "-V" -> version = true;
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
            return new Options(once, profile, config, help, version);
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
        if (options.version()) {
            out.println(version());
            return EXIT_OK;
        }
        try {
            List<Path> files = new ArrayList<>();
            Properties props = configuration(options, files);
            BootWarmUp.start(lookup(props, "warehouse.url"));
            files.forEach(f -> log().info("Configuration: {}", f));
            boolean once = options.once() || Boolean.parseBoolean(lookup(props, "etl.once"));
            main = new Main();
            main.setInitialProperties(props);
            RunOnce runOnce = null;
            if (once) {
                // the same completed-job consumer, polling once at start; its poll strategy says when it is done
                runOnce = new RunOnce();
                main.bind(RunOnce.NAME, runOnce);
                main.addOverrideProperty("etl.once", "true");
                main.addOverrideProperty("etl.schedule", "initialDelay=0&repeatCount=1&pollStrategy=#" + RunOnce.NAME);
            } else {
                main.addOverrideProperty("etl.schedule", "scheduler=quartz&scheduler.cron="
                                                         + lookup(props, "etl.cron").trim().replace(' ', '+'));
            }
            if (EtlAccounts.declared(props)) {
                // accounts.* declares the template instances: the single-account default instance is not created
                String routes = lookup(props, "camel.main.routes-include-pattern");
                main.addOverrideProperty("camel.main.routes-include-pattern", withoutDefaultInstance(routes));
            }
            overrides.from(props).forEach(main::addOverrideProperty);
            main.configure().addConfiguration(EtlConfiguration.class);
            String namespace = lookup(props, LeaderOnlyPolling.NAMESPACE_KEY);
            if (!once && namespace != null && !namespace.isBlank()) {
                // Camel Main applies every RoutePolicyFactory of the registry to the routes it creates
                main.bind("dcEtlLeaderOnlyPolling",
                        new LeaderOnlyPolling(namespace, LeaderOnlyPolling.POLL_ROUTE_PREFIX));
                log().info("Leader election: the poll routes run on the leader of cluster namespace '{}' only",
                        namespace.trim());
            }
            if (!once) {
                main.run();
                return EXIT_OK;
            }
            return runOnce(runOnce);
        } catch (Exception e) {
            // one line naming the root cause (e.g. a missing property) instead of Camel's wrapped stack trace
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e || String.valueOf(e.getMessage()).contains(String.valueOf(root.getMessage()))
                    ? e.getMessage() : e.getMessage() + " (cause: " + root.getMessage() + ")";
            log().error("The ETL could not run: {}", why);
            log().debug("The ETL could not run", e);
            out.println("ETL error: " + why);
            return EXIT_ERROR;
        }
    }

    private int runOnce(RunOnce runOnce) throws Exception {
        main.start();
        try {
            RunSummary summary = main.getCamelContext().getRegistry().lookupByNameAndType(EtlBeans.SUMMARY,
                    RunSummary.class);
            EtlSettings settings = main.getCamelContext().getRegistry().lookupByNameAndType(EtlBeans.SETTINGS,
                    EtlSettings.class);
            // every template instance (one per account) polls once; the run ends when the last poll has
            while (!runOnce.await(main.getCamelContext(), java.time.Duration.ofSeconds(1))) {
                if (!main.getCamelContext().isStarted()) {
                    throw new IllegalStateException("The ETL stopped before its polls ended");
                }
                if (runOnce.pollers(main.getCamelContext()) == 0) {
                    throw new IllegalStateException("No completed-job consumer polls in run-once mode: no template "
                                                    + "instance was created (etl-instance.yaml or accounts.*)");
                }
            }
            boolean ok = summary.isSuccess();
            out.println();
            out.println(title + ": warehouse "
                        + EtlBeans.redactUrl(settings.warehouseUrl()) + ", " + schemas(main.getCamelContext()));
            out.print(summary.format());
            for (Map.Entry<String, Exception> failure : runOnce.failures(main.getCamelContext()).entrySet()) {
                ok = false;
                out.println("Run failed (" + failure.getKey() + "): " + failure.getValue().getMessage());
                log().warn("Run failed ({}): {}", failure.getKey(), failure.getValue().getMessage());
                log().debug("Run failed", failure.getValue());
            }
            return ok ? EXIT_OK : EXIT_LOAD_FAILED;
        } finally {
            main.stop();
        }
    }

    /** The routes pattern without the default instance ({@value #DEFAULT_INSTANCE}). */
    static String withoutDefaultInstance(String pattern) {
        List<String> kept = new ArrayList<>();
        for (String p : pattern == null ? new String[0] : pattern.split(",")) {
            if (!p.isBlank() && !p.trim().endsWith(DEFAULT_INSTANCE)) {
                kept.add(p.trim());
            }
        }
        return String.join(",", kept);
    }

    /** @return "schema x" (one instance) or "schemas x, y" (the schema of each account) */
    private static String schemas(org.apache.camel.CamelContext context) {
        EtlAccounts accounts = context.getRegistry().lookupByNameAndType(EtlAccounts.NAME, EtlAccounts.class);
        List<String> schemas = accounts == null || accounts.isEmpty()
                ? List.of(context.getRegistry().lookupByNameAndType(EtlBeans.SETTINGS, EtlSettings.class)
                        .warehouse().schema())
                : accounts.schemas();
        return (schemas.size() == 1 ? "schema " : "schemas ") + String.join(", ", schemas);
    }

    /** Stops a running (non-once) application, e.g. from a test. */
    public void stop() {
        Main m = main;
        if (m != null) {
            m.completed();
        }
    }

    /**
     * The merged properties files (system properties and environment variables are applied by Camel on top).
     *
     * @param read receives the configuration files read, in order (logged by the caller)
     */
    Properties configuration(Options options, List<Path> read) throws IOException {
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
                read.add(f);
            }
        }
        // CAMEL_COMPONENT_* variables: above the files, below -D (Camel Main applies system properties over these)
        props.putAll(ComponentEnvironment.keys(System.getenv(), EtlApplication.class.getClassLoader()));
        props.putAll(properties);
        return props;
    }

    /**
     * A key's value as Camel will see it: system property, then environment variable, then the files (for launchers
     * built on this one, e.g. the sandbox).
     */
    public static String lookup(Properties props, String key) {
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

    /** One line: this ETL's version and the Camel version it was built with. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = EtlApplication.class.getResourceAsStream("/etl-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown below
        }
        return "camel-dataconnector ETL " + p.getProperty("version", "(unknown version)") + " (Apache Camel "
               + p.getProperty("camel.version", "?") + ", Java " + Runtime.version() + ")";
    }

    static String usage() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("(no mode)", "continuous: runs until stopped; the completed-job consumer polls on etl.cron (Quartz)");
        o.put("--once", "load every pending completed job, print a per-table summary, exit");
        o.put("--profile NAME", "also read <config>/application-NAME.properties (e.g. postgres, production)");
        o.put("--config DIR", "the configuration directory (default ./config, or ETL_CONFIG_DIR)");
        o.put("--version", "print the version and exit");
        o.put("--help", "print this help and exit");
        StringBuilder sb = new StringBuilder("Usage: java -jar camel-dataconnector-etl.jar [options]\n");
        o.forEach((k, v) -> sb.append(String.format("  %-16s %s%n", k, v)));
        sb.append("Exit codes: ").append(EXIT_OK).append(" = every load succeeded (or stopped cleanly), ")
                .append(EXIT_LOAD_FAILED).append(" = a load or the run failed (--once), ").append(EXIT_ERROR)
                .append(" = bad arguments, configuration or start-up error.\n");
        sb.append("Configuration: etl-defaults < <config>/application.properties < application-<profile>.properties\n"
                  + "  < environment variables < -Dkey=value. Variable names: upper case, '.' and '-' as '_'\n"
                  + "  (warehouse.url -> WAREHOUSE_URL, camel.component.dataconnector.access-token ->\n"
                  + "  CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN). A value may refer to a variable: {{env:NAME}}.");
        return sb.toString();
    }
}
