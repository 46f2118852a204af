package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.SimJob;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * Scenarios that start from a loaded job A (the admin tables, {@link #previous}) and a newer completed job B not loaded
 * yet ({@link #jobB}), whose load the scenario then disturbs.
 */
abstract class SnapshotAThenJobBTestBase extends ReliabilityTestBase {

    Map<String, Snapshot> previous;
    SimJob jobB;

    @BeforeEach
    void loadJobAThenCompleteJobB() throws Exception {
        extra.put("etl.include", "admin_*");
        job(120);
        assertThat(runApp("--once")).as(lastOutput).isZero();
        previous = snapshot();
        jobB = job(60);
    }
}
