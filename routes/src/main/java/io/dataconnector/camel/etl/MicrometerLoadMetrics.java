package io.dataconnector.camel.etl;

import io.dataconnector.camel.etl.warehouse.LoadListener;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Table loads as Micrometer meters, on the {@link MeterRegistry} of the Camel registry (the one camel-micrometer and
 * Camel Main's {@code camel.metrics.*} create); with no registry it records nothing. Counted when a table's load is
 * committed with status {@link LoadResult.Status#LOADED}; every meter is tagged {@code camelContext}, {@code table}
 * and {@code mode} ({@code snapshot} or {@code window}):
 * <ul>
 * <li>{@value #ROWS} (counter, rows): rows read from the table's extract file;</li>
 * <li>{@value #BYTES} (counter, bytes): the extract file's size;</li>
 * <li>{@value #DURATION} (timer, seconds): from the load's start to its commit.</li>
 * </ul>
 * Bound by {@link EtlBeans} when Micrometer and camel-micrometer are on the classpath.
 */
public final class MicrometerLoadMetrics implements LoadListener {

    public static final String ROWS = "camel.dataconnector.load.rows";
    public static final String BYTES = "camel.dataconnector.load.bytes";
    public static final String DURATION = "camel.dataconnector.load.duration";

    private final Supplier<MeterRegistry> lookup;
    private final String camelContext;
    private volatile MeterRegistry registry;

    /**
     * @param lookup       finds the registry, or null when there is none yet (asked again at the next load until found)
     * @param camelContext the value of the {@code camelContext} tag
     */
    public MicrometerLoadMetrics(Supplier<MeterRegistry> lookup, String camelContext) {
        this.lookup = lookup;
        this.camelContext = camelContext;
    }

    /**
     * Metrics on the registry bound as {@code metricsRegistry} (camel-micrometer's name), else on the only
     * {@link MeterRegistry} of the context's registry; looked up at each load until one is found (Camel Main binds
     * its registry after the ETL's beans).
     */
    public static MicrometerLoadMetrics of(CamelContext context) {
        return new MicrometerLoadMetrics(() -> {
            MeterRegistry r = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                    MeterRegistry.class);
            return r != null ? r : context.getRegistry().findSingleByType(MeterRegistry.class);
        }, context.getName());
    }

    @Override
    public void committed(LoadResult result) {
        if (result.status() != LoadResult.Status.LOADED) {
            return;
        }
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        String mode = result.mode() == null ? "" : result.mode().label();
        String[] tags = {"camelContext", camelContext, "table", result.table(), "mode", mode};
        Counter.builder(ROWS).baseUnit("rows").description("Rows loaded into warehouse tables").tags(tags)
                .register(r).increment(result.rows());
        Counter.builder(BYTES).baseUnit("bytes").description("Extract file bytes loaded into warehouse tables")
                .tags(tags).register(r).increment(result.bytes());
        Timer.builder(DURATION).description("Time from a table load's start to its commit").tags(tags).register(r)
                .record(Duration.between(result.startedAt(), result.finishedAt()));
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            r = lookup.get();
            registry = r;
        }
        return r;
    }
}
