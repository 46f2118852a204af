package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** GET /data-connector/v1/doc/schema?name=&lt;group&gt;&amp;format=html|json. */
class SchemaDocEndpointTest extends SimTestSupport {

    private HttpResponse<String> doc(String query, String token) {
        return call("GET", sim.baseUrl() + "/data-connector/v1/doc/schema?" + query, null, token);
    }

    @Test
    void servesTheSameDocumentsAsTheExtractWithoutAToken() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        Map<String, byte[]> zip = DownloadTest.unzip(download(signedUrl(job.id(), ExtractGenerator.ZIP)).body());

        HttpResponse<String> json = doc("name=admin&format=json", null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(json.body()).isEqualTo(new String(zip.get("docs/schemas/admin.json"), StandardCharsets.UTF_8));
        JsonNode users = JSON.readTree(json.body()).get("users");
        assertThat(users.get("id").get("ordinal_position").asInt()).isEqualTo(1);

        HttpResponse<String> html = doc("name=activities&format=html", sim.defaultAccessToken());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/html"));
        assertThat(html.body()).isEqualTo(new String(zip.get("docs/schemas/activities.html"),
                StandardCharsets.UTF_8));
        assertThat(Jsoup.parse(html.body()).getElementById("cost_activities")).isNotNull();
        assertThat(doc("name=cdccost", null).body()).contains("<h1>cdccost Schema Description</h1>");
        assertThat(sim.recordedRequests(Operation.SCHEMA_DOC)).hasSize(3);
        assertThat(Operation.SCHEMA_DOC.isApi()).isFalse();
    }

    @Test
    void unknownGroupIs404AndBadQueries400WithTheApiErrorShape() {
        startDefault();
        HttpResponse<String> unknown = doc("name=nope&format=json", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode err = json(unknown);
        assertThat(err.get("errorCode").asText()).isEqualTo("NOT_FOUND");
        assertThat(err.get("developerMessage").asText()).contains("nope");
        assertThat(err.has("moreInfo")).isTrue();
        HttpResponse<String> badFormat = doc("name=admin&format=xml", null);
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(json(badFormat).get("developerMessage").asText()).contains("format", "xml");
        assertThat(doc("format=json", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", sim.baseUrl() + "/data-connector/v1/doc/schema?name=admin", "{}", null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void fullModeServesTheFullCatalogue() {
        start(DataConnectorSimulator.builder().instantJobs().fullExtract(true));
        assertThat(doc("name=meetingminutes&format=json", null).statusCode()).isEqualTo(200);
        sim.setFullExtract(false);
        assertThat(doc("name=meetingminutes&format=json", null).statusCode()).isEqualTo(404);
    }
}
