package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestsTest extends SimTestSupport {

    @Test
    void crudRoundTripWithQuirks() throws Exception {
        startDefault();
        String body = "{\"description\":\"My Company Data Extract\",\"isActive\":true,\"scheduleInterval\":\"WEEK\","
                + "\"reoccuringInterval\":2,\"effectiveFrom\":\"2025-03-01T09:00:00.000Z\","
                + "\"effectiveTo\":\"2025-06-01T00:00:00.000Z\",\"serviceGroups\":[\"admin\",\"issues\"],"
                + "\"callbackUrl\":\"https://api.mycompany.com/autodesk/jobinfo\",\"sendEmail\":false,"
                + "\"projectId\":null,\"projectIdList\":[\"aaaa\",\"bbbb\"],\"startDate\":\"2023-06-06T00:00:00.000Z\","
                + "\"dateRange\":\"LAST_MONTH\",\"projectStatus\":\"active\",\"unknownField\":1}";
        HttpResponse<String> created = api("POST", "/requests", body);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode r = json(created);
        String id = r.get("id").asText();
        assertThat(r.get("projectIdList").isTextual()).isTrue();
        assertThat(r.get("projectIdList").asText()).isEqualTo("[ \"aaaa\", \"bbbb\" ]");
        assertThat(r.get("reoccuringInterval").asInt()).isEqualTo(2);
        assertThat(r.get("accountId").asText()).isEqualTo(sim.accountId());
        assertThat(r.get("createdAt").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(r.get("lastQueuedAt").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(r.get("sendEmail").asBoolean()).isFalse();
        assertThat(r.has("effectiveTo")).isTrue();

        // GET
        JsonNode got = json(api("GET", "/requests/" + id));
        assertThat(got).isEqualTo(r);

        // PATCH with projectIdList given as the quirky string
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> patched = api("PATCH", "/requests/" + id,
                "{\"description\":\"Admin Data by Day\",\"projectIdList\":\"[ \\\"cccc\\\" ]\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode p = json(patched);
        assertThat(p.get("description").asText()).isEqualTo("Admin Data by Day");
        assertThat(p.get("projectIdList").asText()).isEqualTo("[ \"cccc\" ]");
        assertThat(p.get("scheduleInterval").asText()).isEqualTo("WEEK");
        assertThat(p.get("updatedAt").asText()).isEqualTo("2025-03-01T10:01:00.000Z");
        assertThat(sim.request(id)).get().extracting(SimRequest::projectIdList).asList().containsExactly("cccc");

        // quirk off: array
        sim.setProjectIdListAsString(false);
        assertThat(json(api("GET", "/requests/" + id)).get("projectIdList").isArray()).isTrue();

        // the recurring request spawned one job now
        assertThat(json(api("GET", "/requests/" + id + "/jobs")).get("results")).hasSize(1);

        // DELETE
        assertThat(api("DELETE", "/requests/" + id).statusCode()).isEqualTo(204);
        assertThat(api("GET", "/requests/" + id).statusCode()).isEqualTo(404);
        assertThat(json(api("GET", "/requests/" + id)).get("developerMessage").asText())
                .isEqualTo("The requested resource does not exist.");
    }

    @Test
    void validationErrorsAre400WithJson() {
        startDefault();
        String[] bad = {
            "not json",
            "{\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[\"admin\"]}",
            "{\"scheduleInterval\":\"HOURLY\",\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[\"admin\"]}",
            "{\"scheduleInterval\":\"DAY\",\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[\"admin\"],"
                + "\"effectiveTo\":\"2021-01-01T00:00:00Z\"}",
            "{\"scheduleInterval\":\"DAY\",\"reoccuringInterval\":1,\"effectiveFrom\":\"2020-01-01T00:00:00Z\","
                + "\"serviceGroups\":[\"admin\"]}",
            "{\"scheduleInterval\":\"ONE_TIME\",\"effectiveFrom\":\"yesterday\",\"serviceGroups\":[\"admin\"]}",
            "{\"scheduleInterval\":\"ONE_TIME\",\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[]}",
            "{\"scheduleInterval\":\"ONE_TIME\",\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[\"x\"]}",
            "{\"scheduleInterval\":\"ONE_TIME\",\"effectiveFrom\":\"2020-01-01T00:00:00Z\",\"serviceGroups\":[\"admin\"],"
                + "\"isActive\":\"yes\"}",
        };
        for (String b : bad) {
            HttpResponse<String> r = api("POST", "/requests", b);
            assertThat(r.statusCode()).as(b).isEqualTo(400);
            assertThat(json(r).get("developerMessage").asText()).isNotBlank();
        }
        assertThat(sim.requests()).isEmpty();
        // 51 projects
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            ids.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
        }
        assertThat(api("POST", "/requests", ONE_TIME_BODY.replace("}", ",\"projectIdList\":[" + ids + "]}"))
                .statusCode()).isEqualTo(400);
        // Postman-style body with comments and an empty callbackUrl is accepted
        assertThat(api("POST", "/requests", "{\"scheduleInterval\":\"ONE_TIME\",\"serviceGroups\":[\"issues\" ,\n"
                + "\"dailylogs\"\n //\"all\"  // comment\n],\"effectiveFrom\":\"2020-01-01T00:00:00.000Z\","
                + "\"callbackUrl\":\"\"}").statusCode()).isEqualTo(201);
        assertThat(api("GET", "/requests/nope").statusCode()).isEqualTo(404);
        assertThat(api("PATCH", "/requests/nope", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void pagingSortingFilteringAndCap() {
        start(DataConnectorSimulator.builder().instantJobs().maxPageLimit(50).jobQuota(0));
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofMinutes(1));
            sim.createRequest(java.util.Map.of("scheduleInterval", "ONE_TIME", "effectiveFrom",
                    "2020-01-01T00:00:00Z", "serviceGroups", java.util.List.of("admin"), "isActive", i % 2 == 0,
                    "description", "r" + i));
        }
        JsonNode dflt = json(api("GET", "/requests"));
        assertThat(dflt.get("pagination").get("limit").asInt()).isEqualTo(20);
        assertThat(dflt.get("pagination").get("totalResults").asInt()).isEqualTo(60);
        assertThat(dflt.get("results")).hasSize(20);
        assertThat(dflt.get("results").get(0).get("description").asText()).isEqualTo("r0");

        JsonNode capped = json(api("GET", "/requests?limit=100&offset=5"));
        assertThat(capped.get("pagination").get("limit").asInt()).isEqualTo(50);
        assertThat(capped.get("pagination").get("offset").asInt()).isEqualTo(5);
        assertThat(capped.get("results")).hasSize(50);
        assertThat(json(api("GET", "/requests?limit=50&offset=50")).get("results")).hasSize(10);
        assertThat(json(api("GET", "/requests?offset=100")).get("results")).isEmpty();

        JsonNode desc = json(api("GET", "/requests?sort=desc&limit=1"));
        assertThat(desc.get("results").get(0).get("description").asText()).isEqualTo("r59");

        JsonNode sorted = json(api("GET", "/requests?sortFields=isActive,-createdAt&limit=2"));
        assertThat(sorted.get("results").get(0).get("description").asText()).isEqualTo("r59");
        assertThat(sorted.get("results").get(0).get("isActive").asBoolean()).isFalse();

        JsonNode active = json(api("GET", "/requests?filter%5BisActive%5D=true&limit=50"));
        assertThat(active.get("pagination").get("totalResults").asInt()).isEqualTo(30);

        JsonNode range = json(api("GET", "/requests?filter[createdAt]=2025-03-01T10:01:00.000Z.."
                + "2025-03-01T10:05:00.000Z"));
        assertThat(range.get("pagination").get("totalResults").asInt()).isEqualTo(5);
        JsonNode open = json(api("GET", "/requests?filter[createdAt]=..2025-03-01T10:02:00.000Z"));
        assertThat(open.get("pagination").get("totalResults").asInt()).isEqualTo(2);

        // jobs: 30 active requests spawned 30 complete jobs
        JsonNode jobs = json(api("GET", "/jobs?limit=100&filter[status]=complete&filter[completionStatus]=success"));
        assertThat(jobs.get("pagination").get("totalResults").asInt()).isEqualTo(30);
        assertThat(jobs.get("pagination").get("limit").asInt()).isEqualTo(50);
        JsonNode jobsRange = json(api("GET", "/jobs?filter[createdAt]=2025-03-01T10:01:00.000Z.."
                + "2025-03-01T10:03:00.000Z"));
        assertThat(jobsRange.get("pagination").get("totalResults").asInt()).isEqualTo(2);

        assertThat(api("GET", "/requests?limit=abc").statusCode()).isEqualTo(400);
        assertThat(api("GET", "/jobs?filter[createdAt]=notadate..").statusCode()).isEqualTo(400);
    }

    @Test
    void jobsFilteredByProject() {
        startDefault();
        sim.createRequest(java.util.Map.of("scheduleInterval", "ONE_TIME", "effectiveFrom", "2020-01-01T00:00:00Z",
                "serviceGroups", java.util.List.of("admin"), "projectIdList", java.util.List.of("p1", "p2")));
        sim.createRequest(java.util.Map.of("scheduleInterval", "ONE_TIME", "effectiveFrom", "2020-01-01T00:00:00Z",
                "serviceGroups", java.util.List.of("admin"), "projectId", "p3"));
        assertThat(json(api("GET", "/jobs?projectId=p2")).get("results")).hasSize(1);
        assertThat(json(api("GET", "/jobs?filter[projectId]=p3")).get("results")).hasSize(1);
        assertThat(json(api("GET", "/jobs?filter[projectId]=null")).get("results")).hasSize(2);
        JsonNode job = json(api("GET", "/jobs?projectId=p1")).get("results").get(0);
        assertThat(job.get("projectIdList").asText()).isEqualTo("[ \"p1\", \"p2\" ]");
    }

    @Test
    void wrongAccountIsForbidden() {
        startDefault();
        HttpResponse<String> r = call("GET", sim.baseUrl() + "/data-connector/v1/accounts/other/requests", null,
                sim.defaultAccessToken());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(call("GET", sim.baseUrl() + "/nothing", null, null).statusCode()).isEqualTo(404);
    }
}
