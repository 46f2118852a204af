package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class DownloadTest extends SimTestSupport {

    @Test
    void listingAndSignedUrlShapes() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        JsonNode listing = json(api("GET", "/jobs/" + job.id() + "/data-listing"));
        List<String> names = new ArrayList<>();
        listing.forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).contains("README.html", "autodesk_data_extract.zip", "metadata.csv", "admin_users.csv",
                "admin_projects.csv", "admin_companies.csv", "issues_issues.csv", "rfis_rfis.csv",
                "activities_admin_activities.csv");
        assertThat(listing.get(0).fieldNames()).toIterable().containsExactly("name", "createdAt", "size");

        JsonNode url = json(api("GET", "/jobs/" + job.id() + "/data/admin_users.csv"));
        assertThat(url.fieldNames()).toIterable().containsExactly("name", "size", "signedUrl");
        assertThat(url.get("size").isTextual()).isTrue();
        String signed = url.get("signedUrl").asText();
        assertThat(signed).startsWith(sim.baseUrl() + "/storage/");
        String[] params = signed.split("\\?")[1].split("&");
        assertThat(params).extracting(p -> p.split("=")[0])
                .containsExactly("AWSAccessKeyId", "Expires", "Signature", "x-amz-security-token");
        assertThat(params).allSatisfy(p -> assertThat(p.split("=")).hasSize(2));
        assertThat(api("GET", "/jobs/" + job.id() + "/data/nope.csv").statusCode()).isEqualTo(404);
    }

    @Test
    void downloadWithoutBearerThenExpiry() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().signedUrlTtl(Duration.ofSeconds(60)));
        SimJob job = sim.seedCompleteSuccessJob();
        String url = signedUrl(job.id(), "admin_users.csv");
        HttpResponse<byte[]> r = download(url);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
        assertThat(r.body()).isEqualTo(sim.jobFileBytes(job.id(), "admin_users.csv"));
        String csv = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFid,autodesk_id,bim360_account_id,email,");
        RecordedRequest rec = sim.recordedRequests("GET", "^/storage/").get(0);
        assertThat(rec.hasHeader("authorization")).isFalse();
        assertThat(rec.operation()).isEqualTo(Operation.DOWNLOAD);
        assertThat(json(api("GET", "/jobs/" + job.id())).get("lastDownloadedAt").asText()).isNotEmpty();

        clock.advance(Duration.ofSeconds(61));
        HttpResponse<byte[]> expired = download(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("<Code>AccessDenied</Code>")
                .contains("Request has expired");
        // a tampered signature
        String fresh = signedUrl(job.id(), "admin_users.csv");
        assertThat(download(fresh.replaceAll("Signature=[^&]+", "Signature=abc")).statusCode()).isEqualTo(403);
        // HEAD gives the length
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(fresh))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
    }

    @Test
    void zipHoldsAllFilesAndIsValid() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        byte[] zip = download(signedUrl(job.id(), "autodesk_data_extract.zip")).body();
        Map<String, byte[]> entries = unzip(zip);
        for (ExtractFileInfo f : sim.jobFiles(job.id())) {
            if (f.name().endsWith(".csv")) {
                assertThat(entries.get(f.name())).as(f.name()).isEqualTo(sim.jobFileBytes(job.id(), f.name()));
            }
        }
        assertThat(entries).containsKeys("docs/README.html", "docs/schemas/admin.json", "docs/schemas/admin.html")
                .doesNotContainKey("README.html");
        JsonNode schema = JSON.readTree(entries.get("docs/schemas/admin.json"));
        assertThat(schema.get("users").get("id").get("data_type").asText()).isEqualTo("string: UUID");
        assertThat(new String(entries.get("docs/README.html"), StandardCharsets.UTF_8)).contains("admin_users");
    }

    @Test
    void csvIsRfc4180WithTrickyValuesAndDeterministic() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().rowsPerTable(40));
        SimJob job = sim.seedCompleteSuccessJob();
        StringBuilder all = new StringBuilder();
        for (ExtractFileInfo f : sim.jobFiles(job.id())) {
            if (!f.name().endsWith(".csv") || f.name().equals("metadata.csv")) {
                continue;
            }
            String csv = ExtractFixtures.text(sim.jobFileBytes(job.id(), f.name()));
            all.append(csv);
            List<List<String>> rows = CsvTestParser.parse(csv);
            assertThat(rows).as(f.name()).hasSize(f.name().equals("rfis_rfi_co_reviewers.csv") ? 1 : 41);
            int width = rows.get(0).size();
            assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(width));
        }
        String users = new String(sim.jobFileBytes(job.id(), "admin_users.csv"), StandardCharsets.UTF_8);
        assertThat(users).contains(",t,").contains(" UTC").containsAnyOf("Zürich", "東京");
        assertThat(all).contains("\"He said \"\"stop\"\" twice\"").contains("\"first line\nsecond line\"")
                .contains(",,").contains(",\"\",");
        // same seed, same content
        try (DataConnectorSimulator other = DataConnectorSimulator.builder().clock(clock).instantJobs()
                .rowsPerTable(40).build().start()) {
            SimJob j2 = other.seedCompleteSuccessJob();
            assertThat(other.jobFileBytes(j2.id(), "admin_users.csv")).isEqualTo(users.getBytes(
                    StandardCharsets.UTF_8));
        }
        sim.setTrickyValues(false);
        String plain = new String(sim.jobFileBytes(job.id(), "admin_users.csv"), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("\r").doesNotContain(",\"\",").containsAnyOf(",true,", ",false,");
        sim.setUtf8Bom(false);
        assertThat(sim.jobFileBytes(job.id(), "admin_users.csv")[0]).isEqualTo((byte) 'i');
    }

    @Test
    void customFilesTablesAndLargeStreams() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        sim.putJobTable(job.id(), "admin_users", "id,name\n1,\"a,b\"\n", List.of(SchemaColumn.of("id", "number"),
                SchemaColumn.of("name", "string")));
        sim.putJobFile(job.id(), "extra.txt", "hello".getBytes(StandardCharsets.UTF_8));
        long big = 8L * 1024 * 1024 + 13;
        sim.putJobFile(job.id(), "big_table.csv", ContentSource.generated(big));
        sim.putZipEntry(job.id(), "../../evil.csv", "x".getBytes(StandardCharsets.UTF_8));
        sim.putJobTable(job.id(), "custom_drift", "id,new_col\n3,t\n", null);

        assertThat(new String(download(signedUrl(job.id(), "admin_users.csv")).body(), StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFid,name\n1,\"a,b\"\n");
        JsonNode listing = json(api("GET", "/jobs/" + job.id() + "/data-listing"));
        long listed = 0;
        for (JsonNode n : listing) {
            if (n.get("name").asText().equals("big_table.csv")) {
                listed = n.get("size").asLong();
            }
        }
        assertThat(listed).isEqualTo(big);
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(signedUrl(job.id(),
                "big_table.csv"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(big);
        long n = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = r.body()) {
            for (int k; (k = in.read(buf)) > 0; ) {
                if (n == 0) {
                    assertThat(new String(buf, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("id,payload\n");
                }
                n += k;
            }
        }
        assertThat(n).isEqualTo(big);

        Map<String, byte[]> zip = unzip(download(signedUrl(job.id(), "autodesk_data_extract.zip")).body());
        assertThat(zip).containsKeys("extra.txt", "../../evil.csv", "admin_users.csv", "custom_drift.csv",
                "docs/schemas/admin.json", "docs/schemas/custom.json").doesNotContainKey("big_table.csv");
        JsonNode users = JSON.readTree(zip.get("docs/schemas/admin.json")).get("users");
        assertThat(users.get("id").get("data_type").asText()).isEqualTo("number");
        assertThat(users.fieldNames()).toIterable().containsExactly("id", "name");
        JsonNode drift = JSON.readTree(zip.get("docs/schemas/custom.json")).get("drift");
        assertThat(drift.fieldNames()).toIterable().containsExactly("id", "new_col");
        assertThat(drift.get("new_col").get("data_type").asText()).isEqualTo("string");
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }
}
