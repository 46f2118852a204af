package io.dataconnector.camel.component;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import io.dataconnector.camel.component.api.ApiCallObserver;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.FILE_SIZE;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static io.dataconnector.camel.component.DataConnectorConstants.OPERATION;
import static org.assertj.core.api.Assertions.assertThat;

/** The API client's meters on the Camel registry's MeterRegistry count what the simulator received. */
class MicrometerMetricsTest extends SimulatorTestSupport {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private boolean bindMeters = true;

    @Override
    protected void beforeStart(CamelContext camelContext) {
        if (bindMeters) {
            camelContext.getRegistry().bind("meters", meters);
        }
    }

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:api").streamCache("false").to("dataconnector:getJob");
            }
        };
    }

    private Exchange call(String operation, Map<String, Object> headers) {
        return template.request("direct:api", e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
            e.getMessage().setHeader(OPERATION, operation);
        });
    }

    private double calls(String operation, int status) {
        Counter counter = meters.find(MicrometerApiMetrics.CALLS).tag("operation", operation)
                .tag("status", Integer.toString(status)).counter();
        return counter == null ? 0 : counter.count();
    }

    private double allCalls(String operation) {
        return meters.find(MicrometerApiMetrics.CALLS).tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void callsRetriesRetryAfterWaitsAndDownloadedBytesMatchTheSimulator() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.clearRecordedRequests();
        sim.faults().enqueue(Fault.tooManyRequests("1").on("GET", "/jobs$"));
        sim.faults().enqueue(Fault.serviceUnavailable().on(Operation.GET_JOB));

        assertThat(call("listJobs", Map.of()).getException()).isNull();
        assertThat(call("getJob", Map.of(JOB_ID, job.id())).getException()).isNull();
        Exchange download = call("downloadJobFile", Map.of(JOB_ID, job.id(), FILE_NAME, "autodesk_data_extract.zip"));
        assertThat(download.getException()).isNull();
        long read;
        try (InputStream body = download.getMessage().getBody(InputStream.class)) {
            read = body.transferTo(java.io.OutputStream.nullOutputStream());
        }

        // per operation: what the simulator received, split by the status it answered
        assertThat(allCalls("listJobs")).isEqualTo(sim.recordedRequests(Operation.LIST_JOBS).size()).isEqualTo(2);
        assertThat(calls("listJobs", 429)).isEqualTo(1);
        assertThat(calls("listJobs", 200)).isEqualTo(1);
        assertThat(allCalls("getJob")).isEqualTo(sim.recordedRequests(Operation.GET_JOB).size()).isEqualTo(2);
        assertThat(calls("getJob", 503)).isEqualTo(1);
        assertThat(calls("getJob", 200)).isEqualTo(1);
        assertThat(calls("getJobFileUrl", 200)).isEqualTo(sim.recordedRequests(Operation.GET_JOB_FILE_URL).size())
                .isEqualTo(1);
        assertThat(calls("downloadJobFile", 200)).isEqualTo(sim.recordedRequests(Operation.DOWNLOAD).size())
                .isEqualTo(1);
        double total = meters.find(MicrometerApiMetrics.CALLS).counters().stream().mapToDouble(Counter::count).sum();
        assertThat(total).isEqualTo(sim.recordedRequests().size());

        // retries, and the time they waited: the server's Retry-After (1 s) and the client's back-off
        assertThat(meters.get(MicrometerApiMetrics.RETRIES).tag("operation", "listJobs").counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerApiMetrics.RETRIES).tag("operation", "getJob").counter().count()).isEqualTo(1);
        Timer retryAfter = meters.get(MicrometerApiMetrics.RETRY_WAIT).tag("source", "retry-after").timer();
        assertThat(retryAfter.count()).isEqualTo(1);
        assertThat(retryAfter.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1000);
        Timer backoff = meters.get(MicrometerApiMetrics.RETRY_WAIT).tag("source", "backoff").timer();
        assertThat(backoff.count()).isEqualTo(1);
        assertThat(backoff.getId().getTag("operation")).isEqualTo("getJob");

        // every byte read from the signed URL, as announced
        assertThat(read).isPositive().isEqualTo(download.getMessage().getHeader(FILE_SIZE, Long.class));
        assertThat(meters.get(MicrometerApiMetrics.DOWNLOAD_BYTES).counter().count()).isEqualTo(read);
        assertThat(meters.get(MicrometerApiMetrics.DOWNLOAD_BYTES).counter().getId().getBaseUnit()).isEqualTo("bytes");
        assertThat(meters.get(MicrometerApiMetrics.CALLS).counter().getId().getTag("camelContext"))
                .isEqualTo(context.getName());
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetricsAndNoFailure() throws Exception {
        CamelContext bare = new DefaultCamelContext();
        assertThat(ApiMetrics.observerFor(bare)).isSameAs(ApiCallObserver.NONE);
        bare.close();

        stopCamel();
        bindMeters = false;
        startCamel();
        meters.clear();

        assertThat(call("listJobs", Map.of()).getException()).isNull();
        assertThat(meters.getMeters()).isEmpty();
        assertThat(sim.recordedRequests(Operation.LIST_JOBS)).hasSize(1);
    }
}
