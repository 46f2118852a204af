package io.dataconnector.camel.sandbox;

import io.dataconnector.camel.etl.EtlApplication;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox launcher: no ACC account needed. It starts the API simulator in-process (loopback HTTP, a random
 * port), has it complete one job with {@code sandbox.rows} rows per table (default 2000), and runs the production
 * launcher ({@link EtlApplication}) once against it, into the configured warehouse (by default the embedded DuckDB
 * file {@code data/warehouse.duckdb}). Options and exit codes are the launcher's; {@code --once} is implied.
 */
public final class SandboxApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxApplication.class);

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Runs the sandbox; returns the launcher's exit code. */
    static int run(PrintStream out, String[] args) {
        List<String> launcherArgs = new ArrayList<>(List.of(args));
        if (!launcherArgs.contains("--help") && !launcherArgs.contains("--version")) {
            launcherArgs.add("--once");
        }
        AtomicReference<DataConnectorSimulator> sim = new AtomicReference<>();
        try {
            return new EtlApplication(out, Map.of(), configuration -> simulatorKeys(configuration, sim),
                    "Data Connector ETL (sandbox)").run(launcherArgs.toArray(String[]::new));
        } finally {
            if (sim.get() != null) {
                sim.get().close();
            }
        }
    }

    private static Map<String, String> simulatorKeys(Properties configuration,
                                                     AtomicReference<DataConnectorSimulator> holder) {
        String rowsValue = EtlApplication.lookup(configuration, "sandbox.rows");
        int rows;
        try {
            rows = rowsValue == null ? 2000 : Integer.parseInt(rowsValue.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sandbox.rows must be a whole number of rows, not '" + rowsValue + "'");
        }
        DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(rows)
                .seed(System.nanoTime()).build().start();
        holder.set(sim);
        sim.seedCompleteSuccessJob();
        LOG.info("Sandbox: simulator on {} with a completed job ({} rows per table)", sim.baseUrl(), rows);
        return Map.of("camel.component.dataconnector.base-url", sim.baseUrl(),
                "camel.component.dataconnector.account-id", sim.accountId(),
                "camel.component.dataconnector.access-token", sim.defaultAccessToken());
    }
}
