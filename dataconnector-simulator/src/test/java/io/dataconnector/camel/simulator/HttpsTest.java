package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsTest extends SimTestSupport {

    @TempDir
    Path dir;

    @Test
    void trustingClientIsServedAndDefaultClientIsRefused() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
        start(DataConnectorSimulator.builder().instantJobs().https(cert.keyStore(), cert.password()));
        SimJob job = sim.seedCompleteSuccessJob();
        assertThat(sim.baseUrl()).isEqualTo("https://127.0.0.1:" + sim.port());

        HttpClient trusting = HttpClient.newBuilder().sslContext(cert.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> url = trusting.send(get(sim.apiBaseUrl() + "/jobs/" + job.id() + "/data/admin_users.csv")
                .header("Authorization", "Bearer " + sim.defaultAccessToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(url.statusCode()).isEqualTo(200);
        String signedUrl = JSON.readTree(url.body()).get("signedUrl").asText();
        assertThat(signedUrl).startsWith(sim.baseUrl() + "/storage/");
        HttpResponse<byte[]> file = trusting.send(get(signedUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(sim.jobFileBytes(job.id(), "admin_users.csv"));

        HttpClient defaultClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> defaultClient.send(get(sim.apiBaseUrl() + "/jobs").build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        assertThat(sim.recordedRequests("GET", "/jobs$")).isEmpty();
    }

    @Test
    void certificateFilesAndTrustStore() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir);
        assertThat(cert.keyStoreFile()).exists();
        assertThat(Files.readString(cert.certificateFile())).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
        assertThat(cert.certificate().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .containsExactlyInAnyOrder((Object) "127.0.0.1", "localhost");
        assertThat(cert.trustStore().getCertificate(SelfSignedCertificate.ALIAS)).isEqualTo(cert.certificate());
        assertThat(cert.trustStore().isKeyEntry(SelfSignedCertificate.ALIAS)).isFalse();
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    }
}
