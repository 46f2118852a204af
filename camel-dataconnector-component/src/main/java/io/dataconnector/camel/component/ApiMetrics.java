package io.dataconnector.camel.component;

import io.dataconnector.camel.component.api.ApiCallObserver;
import org.apache.camel.CamelContext;

/** Chooses the API client's {@link ApiCallObserver}: Micrometer metrics when Micrometer and a registry are present. */
final class ApiMetrics {

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final String CAMEL_MICROMETER = "org.apache.camel.component.micrometer.MicrometerConstants";

    private ApiMetrics() {
    }

    /** Metrics on the context's MeterRegistry, or {@link ApiCallObserver#NONE} (no Micrometer, no registry). */
    static ApiCallObserver observerFor(CamelContext context) {
        if (context == null || context.getClassResolver().resolveClass(METER_REGISTRY) == null
                || context.getClassResolver().resolveClass(CAMEL_MICROMETER) == null) {
            return ApiCallObserver.NONE;
        }
        return MicrometerApiMetrics.of(context);
    }
}
