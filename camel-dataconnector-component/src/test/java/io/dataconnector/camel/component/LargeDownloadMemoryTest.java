package io.dataconnector.camel.component;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.dataconnector.camel.simulator.ContentSource;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.FILE_SIZE;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * downloadJobFile streams: a 200 MB file passes through a JVM whose heap is far smaller. Runs in its own surefire
 * execution with {@code -Xmx64m} (see the module pom).
 */
class LargeDownloadMemoryTest extends SimulatorTestSupport {

    private static final long SIZE = 200L * 1024 * 1024;

    private final AtomicLong bytesRead = new AtomicLong();

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // stream caching would copy the body into memory (Camel 4 does not spool by default)
                from("direct:download").streamCache("false")
                        .to("dataconnector:downloadJobFile")
                        .process(e -> {
                            try (InputStream body = e.getMessage().getBody(InputStream.class)) {
                                byte[] buffer = new byte[64 * 1024];
                                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                                    bytesRead.addAndGet(n);
                                }
                            }
                        });
            }
        };
    }

    @Test
    void aFileLargerThanTheHeapIsStreamed() {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test runs with a small heap")
                .isLessThan(SIZE / 2);
        SimJob job = sim.seedCompleteSuccessJob();
        sim.putJobFile(job.id(), "activities_big.csv", ContentSource.generated(SIZE));

        Exchange result = template.request("direct:download",
                e -> e.getMessage().setHeaders(Map.of(JOB_ID, job.id(), FILE_NAME, "activities_big.csv")));

        assertThat(result.getException()).isNull();
        assertThat(bytesRead.get()).isEqualTo(SIZE);
        assertThat(result.getMessage().getHeader(FILE_SIZE, Long.class)).isEqualTo(SIZE);
    }
}
