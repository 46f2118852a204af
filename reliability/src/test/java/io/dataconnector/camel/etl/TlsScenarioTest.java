package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

/** The whole app against an HTTPS API and storage host with a self-signed certificate. */
class TlsScenarioTest extends ReliabilityTestBase {

    @Test
    @Scenario(id = "SECRETS-2", title = "TLS verification on by default: a self-signed HTTPS simulator is refused until "
                                       + "its certificate is trusted (camel.ssl.* + use-global-ssl-context-parameters)")
    void selfSignedServerRefusedUnlessTrusted() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(
                java.nio.file.Files.createDirectories(work.resolve("tls")));
        sim.close();
        sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(20)
                .https(certificate.keyStore(), certificate.password()).build().start();
        assertThat(sim.baseUrl()).startsWith("https://");
        job(30);

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(sim.recordedRequests()).as("nothing got through the TLS handshake").isEmpty();
        assertThat(lastOutput).contains("PKIX path building failed");
        evidence("default trust: exit 1, 0 requests reached the server (PKIX path building failed)");

        extra.put("camel.ssl.enabled", "true");
        extra.put("camel.ssl.trust-store", "file:" + certificate.keyStoreFile().toAbsolutePath());
        extra.put("camel.ssl.trust-store-password", new String(certificate.password()));
        // one setting for the API calls and the download: both go through the component's HTTP client
        extra.put("camel.component.dataconnector.use-global-ssl-context-parameters", "true");

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(snapshot().get("admin_users").rows()).isEqualTo(20);
        assertThat(sim.recordedRequests("GET", "^/storage/.*")).as("the ZIP came over HTTPS").isNotEmpty();
        evidence("trusted via camel.ssl.*: exit 0, %d tables loaded over HTTPS", snapshot().size());
    }
}
