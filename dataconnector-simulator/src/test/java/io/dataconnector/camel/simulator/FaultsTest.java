package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class FaultsTest extends SimTestSupport {

    @Test
    void statusFaultsAreOneShotAndMatched() {
        startDefault();
        sim.faults().enqueue(Fault.status(429).retryAfter("2").on("GET", "/jobs$"));
        assertThat(api("GET", "/requests").statusCode()).isEqualTo(200); // not matched
        HttpResponse<String> r = api("GET", "/jobs");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(json(r).get("developerMessage").asText()).isNotBlank();
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(200);

        sim.faults().enqueue(Fault.tooManyRequests("Wed, 21 Oct 2015 07:28:00 GMT").on(Operation.LIST_REQUESTS));
        assertThat(api("GET", "/requests").headers().firstValue("Retry-After"))
                .hasValue("Wed, 21 Oct 2015 07:28:00 GMT");

        sim.faults().enqueue(Fault.tokenExpired());
        HttpResponse<String> expired = api("GET", "/requests");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("developerMessage").asText()).contains("expired");

        sim.faults().enqueue(Fault.serviceUnavailable().times(2));
        sim.faults().enqueue(Fault.serverError());
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(503);
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(503);
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(500);
        assertThat(api("GET", "/jobs").statusCode()).isEqualTo(200);
        assertThat(sim.faults().pending()).isEmpty();

        sim.faults().enqueue(Fault.status(500).on(Operation.TOKEN));
        assertThat(call("POST", sim.tokenUrl(), "", null).statusCode()).isEqualTo(500);
        assertThat(sim.recordedRequests(Operation.TOKEN)).hasSize(1);
    }

    @Test
    void afterProcessingFaultsLetTheCallTakeEffect() {
        startDefault();
        sim.faults().enqueue(Fault.status(504).afterProcessing().on(Operation.CREATE_REQUEST));
        assertThat(api("POST", "/requests", ONE_TIME_BODY).statusCode()).isEqualTo(504);
        assertThat(sim.requests()).as("the request was created before the 504").hasSize(1);

        sim.faults().enqueue(Fault.dropConnection().afterProcessing().on(Operation.CREATE_REQUEST));
        assertThatThrownBy(() -> api("POST", "/requests", ONE_TIME_BODY))
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(sim.requests()).as("created, then the connection dropped").hasSize(2);

        sim.faults().enqueue(Fault.dropConnection().on(Operation.CREATE_REQUEST));
        assertThatThrownBy(() -> api("POST", "/requests", ONE_TIME_BODY))
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(sim.requests()).as("dropped before the call was carried out").hasSize(2);

        sim.faults().enqueue(Fault.editResponse(page -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                page.get("results").get(0)).put("serviceGroups", "[\"issues\"]")));
        assertThat(json(api("GET", "/requests")).get("results").get(0).get("serviceGroups").asText())
                .isEqualTo("[\"issues\"]");
        assertThat(json(api("GET", "/requests")).get("results").get(0).get("serviceGroups").isArray()).isTrue();
        assertThat(sim.faults().pending()).isEmpty();
    }

    @Test
    void truncatedDownloadClosesEarly() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        String url = signedUrl(job.id(), "admin_users.csv");
        long full = sim.jobFileBytes(job.id(), "admin_users.csv").length;
        sim.faults().enqueue(Fault.truncatedDownload(1000));
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(full);
        long[] n = {0};
        assertThatThrownBy(() -> {
            try (InputStream in = r.body()) {
                byte[] buf = new byte[4096];
                for (int k; (k = in.read(buf)) > 0; ) {
                    n[0] += k;
                }
            }
        }).isInstanceOf(IOException.class);
        assertThat(n[0]).isEqualTo(1000);
        // next download is fine
        assertThat(download(url).body()).hasSize((int) full);
    }

    @Test
    void slowDownloadIsThrottled() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        byte[] data = new byte[3000];
        sim.putJobFile(job.id(), "small.bin", data);
        String url = signedUrl(job.id(), "small.bin");
        sim.faults().enqueue(Fault.slowDownload(10_000));
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = download(url);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.body()).hasSize(3000);
        assertThat(ms).isGreaterThanOrEqualTo(250);
    }

    @Test
    void stalledDownloadSendsTheFirstBytesThenGoesSilentThenSendsTheRest() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        sim.putJobFile(job.id(), "small.bin", data);
        String url = signedUrl(job.id(), "small.bin");
        sim.faults().enqueue(Fault.stalledDownload(100, java.time.Duration.ofMillis(1500)));
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes(100);
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            byte[] rest = body.readAllBytes();
            long allMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(first).isEqualTo(java.util.Arrays.copyOf(data, 100));
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(data, 100, data.length));
            assertThat(firstMs).as("the first bytes come before the stall").isLessThan(1000);
            assertThat(allMs).as("the rest only after it").isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    void expiredUrlAndCorruptZip() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        String url = signedUrl(job.id(), "autodesk_data_extract.zip");
        sim.faults().enqueue(Fault.expiredSignedUrl());
        HttpResponse<byte[]> expired = download(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("Request has expired");

        sim.faults().enqueue(Fault.corruptZipCrc());
        byte[] bad = download(url).body();
        assertThatThrownBy(() -> DownloadTest.unzip(bad)).isInstanceOf(ZipException.class)
                .hasMessageContaining("CRC");
        byte[] good = download(url).body();
        assertThat(DownloadTest.unzip(good)).containsKey("admin_users.csv");
        assertThat(bad).hasSameSizeAs(good);
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(good))) {
            assertThat(z.getNextEntry()).isNotNull();
        }
    }

    @Test
    void requestsAreRecorded() {
        startDefault();
        api("POST", "/requests?x=1&filter%5Bstatus%5D=a%20b", ONE_TIME_BODY);
        api("GET", "/jobs");
        RecordedRequest post = sim.recordedRequests("POST", "/requests$").get(0);
        assertThat(post.header("content-type")).isEqualTo("application/json");
        assertThat(post.header("AUTHORIZATION")).isEqualTo("Bearer " + sim.defaultAccessToken());
        assertThat(post.bearerToken()).hasValue(sim.defaultAccessToken());
        assertThat(post.queryParam("filter[status]")).isEqualTo("a b");
        assertThat(post.rawQuery()).isEqualTo("x=1&filter%5Bstatus%5D=a%20b");
        assertThat(post.body()).isEqualTo(ONE_TIME_BODY);
        assertThat(post.operation()).isEqualTo(Operation.CREATE_REQUEST);
        assertThat(post.receivedAt()).isEqualTo(clock.instant());
        assertThat(post.toString()).doesNotContain(sim.defaultAccessToken());
        assertThat(sim.apiCallCount()).isEqualTo(2);
        sim.clearRecordedRequests();
        assertThat(sim.recordedRequests()).isEmpty();
    }
}
