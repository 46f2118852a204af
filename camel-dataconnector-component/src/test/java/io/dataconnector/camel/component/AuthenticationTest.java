package io.dataconnector.camel.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The three ways to authenticate, end to end through the simulator's token endpoint. */
class AuthenticationTest extends SimulatorTestSupport {

    private static final String CLIENT_ID = "client-app-1";
    private static final String CLIENT_SECRET = "client-secret-xyz";
    private static final String FIRST_REFRESH_TOKEN = "refresh-token-0001";

    @TempDir
    Path dir;

    private Map<String, String> credentials = Map.of();

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:getJob").to("dataconnector:getJob");
            }
        };
    }

    @Override
    protected void configure(DataConnectorComponent component) {
        DataConnectorConfiguration c = component.getConfiguration();
        c.setBaseUrl(sim.baseUrl());
        c.setAccountId(sim.accountId());
        if (credentials.isEmpty()) {
            c.setAccessToken(sim.defaultAccessToken()); // the context each test starts with, before it picks its credentials
            return;
        }
        c.setClientId(CLIENT_ID);
        c.setClientSecret(CLIENT_SECRET);
        c.setRefreshToken(credentials.get("refreshToken"));
        c.setTokenStore(credentials.get("tokenStore"));
        c.setServiceAccountId(credentials.get("serviceAccountId"));
        c.setServiceAccountKeyId(credentials.get("keyId"));
        c.setServiceAccountPrivateKeyFile(credentials.get("keyFile"));
    }

    private void restartCamelWith(Map<String, String> newCredentials) throws Exception {
        stopCamel();
        credentials = newCredentials;
        startCamel();
    }

    private Job getJob(String jobId) {
        Exchange result = template.request("direct:getJob", e -> e.getMessage().setHeader(JOB_ID, jobId));
        if (result.getException() != null) {
            throw new AssertionError(result.getException());
        }
        return result.getMessage().getBody(Job.class);
    }

    private List<RecordedRequest> tokenCalls() {
        return sim.recordedRequests("POST", "/authentication/v2/token");
    }

    private Map<String, String> refreshSettings(Path store) {
        return Map.of("refreshToken", FIRST_REFRESH_TOKEN, "tokenStore", store.toString());
    }

    @Test
    void aRefreshTokenIsExchangedAndTheRotatedOneIsPersisted() throws Exception {
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerRefreshToken(CLIENT_ID, FIRST_REFRESH_TOKEN);
        Path store = dir.resolve("tokens/refresh-token");
        restartCamelWith(refreshSettings(store));
        SimJob job = sim.seedCompleteSuccessJob();

        assertThat(getJob(job.id()).getId()).isEqualTo(job.id());

        assertThat(tokenCalls()).singleElement().satisfies(call -> {
            assertThat(call.body()).contains("grant_type=refresh_token").contains("refresh_token=" + FIRST_REFRESH_TOKEN);
            assertThat(call.header("Authorization")).startsWith("Basic ");
        });
        String rotated = Files.readString(store).trim();
        assertThat(rotated).isNotBlank().isNotEqualTo(FIRST_REFRESH_TOKEN);
        assertThat(sim.isRefreshTokenValid(FIRST_REFRESH_TOKEN)).isFalse();
        assertThat(sim.isRefreshTokenValid(rotated)).isTrue();
    }

    @Test
    void aRestartUsesThePersistedRotatedTokenNotTheConfiguredOne() throws Exception {
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerRefreshToken(CLIENT_ID, FIRST_REFRESH_TOKEN);
        Path store = dir.resolve("refresh-token");
        restartCamelWith(refreshSettings(store));
        SimJob job = sim.seedCompleteSuccessJob();
        getJob(job.id());
        String rotated = Files.readString(store).trim();

        // same configuration (whose refreshToken is now spent), new CamelContext: as after a process restart
        restartCamelWith(refreshSettings(store));
        assertThat(getJob(job.id()).getId()).isEqualTo(job.id());

        assertThat(tokenCalls()).hasSize(2);
        assertThat(tokenCalls().get(1).body()).contains("refresh_token=" + rotated);
        assertThat(Files.readString(store).trim()).isNotEqualTo(rotated);
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetries() throws Exception {
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerRefreshToken(CLIENT_ID, FIRST_REFRESH_TOKEN);
        restartCamelWith(refreshSettings(dir.resolve("rt")));
        SimJob job = sim.seedCompleteSuccessJob();
        getJob(job.id());
        sim.faults().enqueue(Fault.tokenExpired().on("GET", ".*/jobs/" + job.id()));

        assertThat(getJob(job.id()).getId()).isEqualTo(job.id());

        assertThat(tokenCalls()).hasSize(2);
        List<RecordedRequest> jobCalls = sim.recordedRequests("GET", ".*/jobs/" + job.id());
        assertThat(jobCalls).hasSize(3);
        assertThat(jobCalls.get(2).bearerToken()).isNotEqualTo(jobCalls.get(1).bearerToken());
    }

    @Test
    void a401AfterTheRefreshIsNotRetriedAgain() throws Exception {
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerRefreshToken(CLIENT_ID, FIRST_REFRESH_TOKEN);
        restartCamelWith(refreshSettings(dir.resolve("rt")));
        SimJob job = sim.seedCompleteSuccessJob();
        sim.faults().enqueue(Fault.tokenExpired().on("GET", ".*/jobs/" + job.id()).times(5));

        Exchange result = template.request("direct:getJob", e -> e.getMessage().setHeader(JOB_ID, job.id()));

        assertThat(((DataConnectorException) result.getException()).getStatusCode()).isEqualTo(401);
        assertThat(sim.recordedRequests("GET", ".*/jobs/" + job.id())).hasSize(2);
    }

    @Test
    void aSecureServiceAccountGetsATokenWithASignedJwtAssertion() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path keyFile = dir.resolve("ssa.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                                   + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                                   + "\n-----END PRIVATE KEY-----\n");
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerServiceAccount(CLIENT_ID, "service-account-7", "key-7", (RSAPublicKey) keys.getPublic());
        restartCamelWith(Map.of("serviceAccountId", "service-account-7", "keyId", "key-7", "keyFile", keyFile.toString()));
        SimJob job = sim.seedCompleteSuccessJob();

        assertThat(getJob(job.id()).getId()).isEqualTo(job.id());

        assertThat(tokenCalls()).singleElement().satisfies(call -> assertThat(call.body())
                .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer").contains("assertion="));
    }

    @Test
    void aServiceAccountKeyTheSimulatorDoesNotKnowIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair registered = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        Path keyFile = dir.resolve("other.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                                   + Base64.getMimeEncoder().encodeToString(other.getPrivate().getEncoded())
                                   + "\n-----END PRIVATE KEY-----\n");
        sim.registerClient(CLIENT_ID, CLIENT_SECRET);
        sim.registerServiceAccount(CLIENT_ID, "service-account-7", "key-7", (RSAPublicKey) registered.getPublic());
        restartCamelWith(Map.of("serviceAccountId", "service-account-7", "keyId", "key-7", "keyFile", keyFile.toString()));
        SimJob job = sim.seedCompleteSuccessJob();

        Exchange result = template.request("direct:getJob", e -> e.getMessage().setHeader(JOB_ID, job.id()));

        assertThat(result.getException()).isInstanceOf(DataConnectorException.class)
                .hasMessageContaining("cannot obtain an access token");
        assertThat(((DataConnectorException) result.getException()).getStatusCode()).isBetween(400, 499);
        assertThat(tokenCalls()).as("a refused grant is not retried").hasSize(1);
        assertThat(sim.recordedRequests("GET", ".*/jobs/.*")).isEmpty();
    }
}
