package io.dataconnector.camel.component;

import java.nio.file.Path;
import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SelfSignedCertificate;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Certificates are verified by default; trusting a self-signed simulator takes explicit configuration. */
class TlsTest extends SimulatorTestSupport {

    @TempDir
    static Path certificateDir;

    private static SelfSignedCertificate certificate;

    private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> clientLog =
            new ch.qos.logback.core.read.ListAppender<>();

    @Override
    protected DataConnectorSimulator.Builder simulator() {
        if (certificate == null) {
            certificate = SelfSignedCertificate.generate(certificateDir);
        }
        return super.simulator().https(certificate.keyStore(), certificate.password());
    }

    @Override
    protected void beforeStart(org.apache.camel.CamelContext camelContext) {
        camelContext.getRegistry().bind("simulatorTrust", trustingTheSimulator());
    }

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:untrusted").to("dataconnector:getJob");
                from("direct:trusted").to("dataconnector:getJob?sslContextParameters=#simulatorTrust");
                from("direct:trustedDownload").to("dataconnector:downloadJobFile?sslContextParameters=#simulatorTrust");
            }
        };
    }

    private SSLContextParameters trustingTheSimulator() {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource(certificate.keyStoreFile().toUri().toString());
        trustStore.setType("PKCS12");
        trustStore.setPassword(new String(certificate.password()));
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trustManagers);
        return parameters;
    }

    @Test
    void aSelfSignedServerIsRefusedByDefault() {
        SimJob job = sim.seedCompleteSuccessJob();
        assertThat(sim.baseUrl()).startsWith("https://");
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                io.dataconnector.camel.component.api.DataConnectorClient.class);
        clientLog.start();
        logger.addAppender(clientLog);

        Exchange result = template.request("direct:untrusted", e -> e.getMessage().setHeader(JOB_ID, job.id()));

        assertThat(result.getException()).isInstanceOf(DataConnectorException.class);
        assertThat(result.getException()).hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
        assertThat(sim.recordedRequests()).as("no request got through the handshake").isEmpty();
        logger.detachAppender(clientLog);
        assertThat(clientLog.list).as("a refused certificate is not retried")
                .noneMatch(event -> event.getFormattedMessage().contains("retry"));
    }

    @Test
    void configuredTrustReachesTheApiAndTheStorageHost() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();

        Job fetched = template.requestBodyAndHeader("direct:trusted", null, JOB_ID, job.id(), Job.class);
        Exchange download = template.request("direct:trustedDownload",
                e -> e.getMessage().setHeaders(Map.of(JOB_ID, job.id(), FILE_NAME, "admin_users.csv")));

        assertThat(fetched.getId()).isEqualTo(job.id());
        assertThat(download.getException()).isNull();
        try (java.io.InputStream body = download.getMessage().getBody(java.io.InputStream.class)) {
            // real extracts start with a UTF-8 BOM
            assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("\uFEFFid,");
        }
    }

    @Test
    void theGlobalSslConfigurationIsUsedWhenTheComponentIsToldTo() throws Exception {
        stopCamel();
        context = new org.apache.camel.impl.DefaultCamelContext();
        context.setSSLContextParameters(trustingTheSimulator());
        DataConnectorComponent component = new DataConnectorComponent();
        configure(component);
        component.setUseGlobalSslContextParameters(true);
        context.addComponent("dataconnector", component);
        context.start();
        template = context.createProducerTemplate();
        SimJob job = sim.seedCompleteSuccessJob();

        Job fetched = template.requestBodyAndHeader("dataconnector:getJob", null, JOB_ID, job.id(), Job.class);

        assertThat(fetched.getId()).isEqualTo(job.id());
    }
}
