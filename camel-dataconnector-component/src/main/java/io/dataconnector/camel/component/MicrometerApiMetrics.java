package io.dataconnector.camel.component;

import java.time.Duration;

import io.dataconnector.camel.component.api.ApiCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The API client's figures as Micrometer meters, on the {@link MeterRegistry} of the Camel registry (the one
 * camel-micrometer and Camel Main's {@code camel.metrics.*} use). Meters, each tagged {@code camelContext}:
 * <ul>
 * <li>{@value #CALLS} (counter): answers by {@code operation} and {@code status} (the HTTP status; {@code 0} = I/O
 * failure, no answer); retries are calls too;</li>
 * <li>{@value #RETRIES} (counter): calls sent again, by {@code operation};</li>
 * <li>{@value #RETRY_WAIT} (timer, seconds): time waited before retries, by {@code operation} and {@code source}
 * ({@code retry-after}: the server's Retry-After; {@code backoff}: the client's own back-off);</li>
 * <li>{@value #DOWNLOAD_BYTES} (counter, bytes): extract bytes read from signed URLs.</li>
 * </ul>
 * Kept apart so that Micrometer (an optional dependency) is loaded only when it is on the classpath.
 */
final class MicrometerApiMetrics implements ApiCallObserver {

    static final String CALLS = "camel.dataconnector.api.calls";
    static final String RETRIES = "camel.dataconnector.api.retries";
    static final String RETRY_WAIT = "camel.dataconnector.api.retry.wait";
    static final String DOWNLOAD_BYTES = "camel.dataconnector.download.bytes";

    private final MeterRegistry registry;
    private final String camelContext;
    private final Counter downloadBytes;

    private MicrometerApiMetrics(MeterRegistry registry, String camelContext) {
        this.registry = registry;
        this.camelContext = camelContext;
        this.downloadBytes = Counter.builder(DOWNLOAD_BYTES).baseUnit("bytes")
                .description("Extract bytes read from Data Connector signed URLs")
                .tag("camelContext", camelContext).register(registry);
    }

    /**
     * The metrics of a CamelContext: on the registry bound as {@code metricsRegistry} (camel-micrometer's name), else on
     * the only {@link MeterRegistry} in the Camel registry; {@link ApiCallObserver#NONE} when there is none.
     */
    static ApiCallObserver of(CamelContext context) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        if (registry == null) {
            registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        }
        return registry == null ? NONE : new MicrometerApiMetrics(registry, context.getName());
    }

    @Override
    public void answered(String operation, int status) {
        Counter.builder(CALLS).description("Data Connector API calls by operation and HTTP status (0 = no answer)")
                .tags("camelContext", camelContext, "operation", operation, "status", Integer.toString(status))
                .register(registry).increment();
    }

    @Override
    public void retrying(String operation, Duration wait, boolean retryAfter) {
        Counter.builder(RETRIES).description("Data Connector API calls sent again after 429, 5xx or an I/O failure")
                .tags("camelContext", camelContext, "operation", operation).register(registry).increment();
        Timer.builder(RETRY_WAIT).description("Time waited before Data Connector API retries")
                .tags("camelContext", camelContext, "operation", operation, "source",
                        retryAfter ? "retry-after" : "backoff")
                .register(registry).record(wait);
    }

    @Override
    public void downloaded(long bytes) {
        downloadBytes.increment(bytes);
    }
}
