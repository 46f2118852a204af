package io.dataconnector.camel.examples;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;

/**
 * An example started as its README runs it (its own Camel Main, {@link RunExample}) against a simulator on loopback
 * with 5 rows a table; the example and the simulator are stopped after each test.
 */
abstract class ExampleTestSupport {

    final DataConnectorSimulator sim;
    Main main;

    ExampleTestSupport(DataConnectorSimulator.Builder simulator) {
        this.sim = simulator.rowsPerTable(5).build().start();
    }

    /** Starts the example in folder {@code example} with {@code overrides} over its own properties. */
    void startExample(String example, Map<String, String> overrides) throws Exception {
        main = RunExample.create(Path.of(example), overrides);
        main.start();
    }

    /** The component settings reaching the simulator's account with its token, and the example's output folder. */
    Map<String, String> simulatorConnection(Path outputDir) {
        return Map.of(
                "camel.component.dataconnector.base-url", sim.baseUrl(),
                "camel.component.dataconnector.account-id", sim.accountId(),
                "camel.component.dataconnector.access-token", sim.defaultAccessToken(),
                "example.output-dir", outputDir.toString());
    }

    @AfterEach
    void stopExampleAndSimulator() {
        if (main != null) {
            main.stop();
        }
        sim.close();
    }
}
