package io.dataconnector.camel.component;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.api.DownloadStalledException;
import io.dataconnector.camel.component.api.SignedUrlExpiredException;
import io.dataconnector.camel.component.model.SignedUrl;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * downloadJobFile's timeouts over real loopback HTTP: a stalled body fails the read after readTimeout (naming the
 * file, never the signed URL), a slow body that keeps sending is read whole, and connectTimeout bounds connecting to a
 * storage host that does not accept.
 */
class DownloadTimeoutsTest extends SimulatorTestSupport {

    private static final String FILE = "autodesk_data_extract.zip";
    private static final String STALLING = "dataconnector:downloadJobFile?fileName=" + FILE + "&readTimeout=300";
    private static final String UNREACHABLE = "dataconnector:downloadJobFile?connectTimeout=300&maxRetries=0";

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").streamCache("false").to(STALLING);
                from("direct:url").to("dataconnector:getJobFileUrl?fileName=" + FILE);
                from("direct:unreachable").to(UNREACHABLE);
                from("direct:getJob").to("dataconnector:getJob");
            }
        };
    }

    private InputStream body(String jobId) {
        Exchange result = template.request("direct:download", e -> e.getMessage().setHeader(JOB_ID, jobId));
        assertThat(result.getException()).isNull();
        return result.getMessage().getBody(InputStream.class);
    }

    @Test
    void aStalledBodyFailsTheReadAfterTheReadTimeoutNamingTheFileNeverTheUrl() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.stalledDownload(1000, Duration.ofSeconds(60)));

        try (InputStream body = body(job.id())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> body.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(DownloadStalledException.class, e -> {
                        assertThat(e.getFileName()).isEqualTo(FILE);
                        assertThat(e.getBytesRead()).isEqualTo(1000);
                        assertThat(e.getReadTimeoutMillis()).isEqualTo(300);
                        assertThat(e.getMessage()).contains(FILE, "300 ms", "readTimeout", "1000 bytes")
                                .doesNotContain("Signature", "/storage/", "?");
                    });
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);
            assertThat(failedAfter).as("the read timeout, not the 60 s stall")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(body::read).as("the stream stays failed").hasMessageContaining(FILE);
        }
    }

    @Test
    void aSlowBodyThatNeverPausesLongerThanTheReadTimeoutIsReadWhole() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        long size = template.requestBodyAndHeader("direct:url", null, JOB_ID, job.id(), SignedUrl.class).getSize();
        sim.faults().enqueue(Fault.slowDownload(size)); // a twentieth of the file every 50 ms: about 1 s in all

        long started = System.nanoTime();
        long read;
        try (InputStream body = body(job.id())) {
            read = body.transferTo(OutputStream.nullOutputStream());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(read).isEqualTo(size);
        assertThat(took).as("longer in all than the read timeout").isGreaterThan(Duration.ofMillis(600));
    }

    @Test
    void anExpiredSignedUrlIsASignedUrlExpiredException() {
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.expiredSignedUrl());

        Exchange result = template.request("direct:download", e -> e.getMessage().setHeader(JOB_ID, job.id()));

        assertThat(result.getException()).isInstanceOfSatisfying(SignedUrlExpiredException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains(FILE, "expired").doesNotContain("Signature", "/storage/");
        });
    }

    @Test
    void theConnectTimeoutBoundsConnectingToTheStorageHost() throws Exception {
        try (ServerSocket storage = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(storage);
            try {
                DataConnectorClient client = context.getEndpoint(UNREACHABLE, DataConnectorEndpoint.class).getClient();
                SignedUrl url = new SignedUrl("late.zip", 10L, "http://127.0.0.1:" + storage.getLocalPort()
                                                               + "/storage/t/late.zip?Signature=s3cr3t-signature");
                long started = System.nanoTime();
                assertThatThrownBy(() -> client.download("job-1", url, Duration.ofSeconds(30)))
                        .isInstanceOfSatisfying(DataConnectorException.class, e -> {
                            assertThat(e.getStatusCode()).isZero();
                            assertThat(e.getMessage()).contains("downloadJobFile", "late.zip",
                                    "HttpConnectTimeoutException").doesNotContain("s3cr3t");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void endpointsWhoseHttpTuningDiffersShareTheTokenProviderAndTheCallBudget() throws Exception {
        template.request("direct:getJob", e -> e.getMessage().setHeader(JOB_ID, "any"));
        DataConnectorClient api = context.getEndpoint("dataconnector:getJob", DataConnectorEndpoint.class).getClient();
        DataConnectorClient tuned = context.getEndpoint(UNREACHABLE, DataConnectorEndpoint.class).getClient();
        DataConnectorClient readTimeoutOnly = context.getEndpoint(STALLING, DataConnectorEndpoint.class).getClient();

        assertThat(tuned).as("another connect timeout: another HTTP client").isNotSameAs(api);
        assertThat(tuned.getTokenProvider()).isSameAs(api.getTokenProvider());
        assertThat(tuned.getCallBudget()).isSameAs(api.getCallBudget());
        assertThat(readTimeoutOnly).as("the read timeout is applied per download").isSameAs(api);
    }

    /**
     * Connections the server never accepts until its accept queue is full: the kernel then drops new connection
     * attempts, so connecting hangs (no refusal) until the client's connect timeout.
     */
    private static List<Socket> fillAcceptQueue(ServerSocket server) throws Exception {
        InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(address, 200);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return queued;
            }
        }
        throw new AssertionError("the accept queue of a backlog-1 server never filled");
    }
}
