package io.dataconnector.camel.component;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.model.DataConnectorJson;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.component.model.SignedUrl;
import io.dataconnector.camel.simulator.RecordedRequest;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.FILE_NAME;
import static io.dataconnector.camel.component.DataConnectorConstants.FILE_SIZE;
import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static io.dataconnector.camel.component.DataConnectorConstants.OPERATION;
import static io.dataconnector.camel.component.DataConnectorConstants.PROJECT_ID;
import static io.dataconnector.camel.component.DataConnectorConstants.REQUEST_ID;
import static io.dataconnector.camel.component.DataConnectorConstants.TOTAL_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every operation through a Camel route against the simulator over real HTTP. */
class DataConnectorProducerTest extends SimulatorTestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the operation of this endpoint is overridden per message by the CamelDataConnectorOperation header
                from("direct:api").to("dataconnector:getJob");
                from("direct:jobsPaged").to("dataconnector:listJobs?limit=2&sort=desc&paginate=true");
                from("direct:jobsFiltered").to(
                        "dataconnector:listJobs?limit=5&offset=1&sortFields=-createdAt&filter.status=complete"
                                               + "&filter.completionStatus=success&projectId=option-project");
                from("direct:jobOfUri").to("dataconnector:getJob?jobId=uri-job-id");
            }
        };
    }

    private Exchange call(String operation, Object body, Map<String, Object> headers) {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        all.put(OPERATION, operation);
        return template.request("direct:api", e -> {
            e.getMessage().setHeaders(all);
            e.getMessage().setBody(body);
        });
    }

    private Object ok(String operation, Object body, Map<String, Object> headers) {
        Exchange result = call(operation, body, headers);
        if (result.getException() != null) {
            throw new AssertionError("operation " + operation + " failed", result.getException());
        }
        return result.getMessage().getBody();
    }

    private RecordedRequest lastApiCall() {
        List<RecordedRequest> calls = sim.recordedRequests();
        return calls.get(calls.size() - 1);
    }

    private String api(String suffix) {
        return "/data-connector/v1/accounts/" + sim.accountId() + suffix;
    }

    @Test
    void createRequestPostsTheValidatedBodyAndReturnsTheTypedRequest() throws Exception {
        Map<String, Object> body = Map.of(
                "description", "Nightly extract",
                "scheduleInterval", "DAY",
                "reoccuringInterval", 1,
                "effectiveFrom", "2026-11-01T00:00:00.000Z",
                "effectiveTo", "2027-11-01T00:00:00.000Z",
                "serviceGroups", List.of("admin", "issues"),
                "projectIdList", List.of("p-1", "p-2"));

        Exchange result = call("createRequest", body, Map.of());

        DataRequest created = result.getMessage().getBody(DataRequest.class);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getDescription()).isEqualTo("Nightly extract");
        assertThat(created.getProjectIdList()).containsExactly("p-1", "p-2");
        assertThat(created.getReoccuringInterval()).isEqualTo(1);
        assertThat(result.getMessage().getHeader(REQUEST_ID)).isEqualTo(created.getId());
        RecordedRequest sent = lastApiCall();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(api("/requests"));
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        JsonNode json = DataConnectorJson.mapper().readTree(sent.body());
        assertThat(json.get("scheduleInterval").asText()).isEqualTo("DAY");
        assertThat(json.get("reoccuringInterval").asInt()).isEqualTo(1);
        assertThat(json.get("serviceGroups")).hasSize(2);
        assertThat(json.get("projectIdList").isArray()).isTrue();
        assertThat(sim.request(created.getId())).isPresent();
    }

    @Test
    void createRequestAcceptsAJsonStringBody() {
        String json = """
                {"scheduleInterval":"ONE_TIME","effectiveFrom":"2026-11-01T00:00:00Z","serviceGroups":["rfis"]}""";
        DataRequest created = (DataRequest) ok("createRequest", json, Map.of());
        assertThat(created.getServiceGroups()).containsExactly("rfis");
        assertThat(created.getScheduleInterval()).isEqualTo("ONE_TIME");
    }

    @Test
    void invalidRequestFailsBeforeAnyHttpCallNamingTheField() {
        Map<String, Object> body = Map.of("scheduleInterval", "WEEK", "effectiveFrom", "2026-11-01T00:00:00Z",
                "effectiveTo", "2027-01-01T00:00:00Z", "serviceGroups", List.of("admin"));

        Exchange result = call("createRequest", body, Map.of());

        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reoccuringInterval");
        assertThat(sim.recordedRequests()).isEmpty();
    }

    @Test
    void listRequestsReturnsTheRequestsWithTotal() {
        SimRequest first = sim.seedRequest();
        SimRequest second = sim.seedRequest();

        Exchange result = call("listRequests", null, Map.of());

        List<?> requests = result.getMessage().getBody(List.class);
        assertThat(requests).hasSize(2).allMatch(DataRequest.class::isInstance);
        assertThat(requests).extracting(r -> ((DataRequest) r).getId()).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(result.getMessage().getHeader(TOTAL_RESULTS)).isEqualTo(2);
        assertThat(lastApiCall().method()).isEqualTo("GET");
        assertThat(lastApiCall().path()).isEqualTo(api("/requests"));
    }

    @Test
    void getRequestReadsTheQuirkyProjectIdListString() {
        SimRequest seeded = sim.createRequest(Map.of("scheduleInterval", "ONE_TIME",
                "effectiveFrom", "2026-11-01T00:00:00Z", "serviceGroups", List.of("admin"),
                "projectIdList", List.of("aaaa", "bbbb")));

        DataRequest request = (DataRequest) ok("getRequest", null, Map.of(REQUEST_ID, seeded.id()));

        assertThat(request.getId()).isEqualTo(seeded.id());
        assertThat(request.getProjectIdList()).containsExactly("aaaa", "bbbb");
        assertThat(lastApiCall().path()).isEqualTo(api("/requests/" + seeded.id()));
    }

    @Test
    void updateRequestPatchesOnlyTheGivenFields() throws Exception {
        SimRequest seeded = sim.seedRequest();

        DataRequest updated = (DataRequest) ok("updateRequest", Map.of("description", "renamed", "isActive", false),
                Map.of(REQUEST_ID, seeded.id()));

        assertThat(updated.getDescription()).isEqualTo("renamed");
        assertThat(updated.getIsActive()).isFalse();
        RecordedRequest sent = lastApiCall();
        assertThat(sent.method()).isEqualTo("PATCH");
        assertThat(sent.path()).isEqualTo(api("/requests/" + seeded.id()));
        JsonNode json = DataConnectorJson.mapper().readTree(sent.body());
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("description", "isActive");
        assertThat(sim.request(seeded.id()).orElseThrow().description()).isEqualTo("renamed");
    }

    @Test
    void deleteRequestDeletesIt() {
        SimRequest seeded = sim.seedRequest();

        Object body = ok("deleteRequest", "ignored", Map.of(REQUEST_ID, seeded.id()));

        assertThat(body).isNull();
        assertThat(lastApiCall().method()).isEqualTo("DELETE");
        assertThat(lastApiCall().path()).isEqualTo(api("/requests/" + seeded.id()));
        Exchange again = call("getRequest", null, Map.of(REQUEST_ID, seeded.id()));
        assertThat(again.getException()).isInstanceOf(DataConnectorException.class);
        assertThat(((DataConnectorException) again.getException()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void listRequestJobsListsTheJobsOfOneRequest() {
        SimRequest request = sim.seedRequest();
        SimJob job = sim.seedCompletedJob(request.id(), "success", Instant.now().minusSeconds(60));
        sim.seedCompleteSuccessJob(); // another request's job

        List<?> jobs = (List<?>) ok("listRequestJobs", null, Map.of(REQUEST_ID, request.id()));

        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(((Job) j).getId()).isEqualTo(job.id());
            assertThat(((Job) j).getProgress()).isNull(); // "" in the API's JSON
            assertThat(((Job) j).isComplete()).isTrue();
        });
        assertThat(lastApiCall().path()).isEqualTo(api("/requests/" + request.id() + "/jobs"));
    }

    @Test
    void listJobsSendsPagingSortFilterAndProjectOptions() {
        sim.seedCompleteSuccessJob();

        Exchange result = template.request("direct:jobsFiltered", e -> e.getMessage().setHeader(PROJECT_ID, "hdr-project"));

        assertThat(result.getException()).isNull();
        RecordedRequest sent = lastApiCall();
        assertThat(sent.path()).isEqualTo(api("/jobs"));
        assertThat(sent.queryParam("limit")).isEqualTo("5");
        assertThat(sent.queryParam("offset")).isEqualTo("1");
        assertThat(sent.queryParam("sortFields")).isEqualTo("-createdAt");
        assertThat(sent.queryParam("filter[status]")).isEqualTo("complete");
        assertThat(sent.queryParam("filter[completionStatus]")).isEqualTo("success");
        assertThat(sent.queryParam("projectId")).as("header wins over URI option").isEqualTo("hdr-project");
    }

    @Test
    void paginateReadsEveryPageAdvancingByWhatTheServerReturned() {
        sim.setMaxPageLimit(2);
        SimRequest request = sim.seedRequest();
        for (int i = 0; i < 7; i++) {
            sim.seedCompletedJob(request.id(), "success", Instant.now().minusSeconds(600 - i));
        }

        List<?> jobs = template.requestBody("direct:jobsPaged", null, List.class);

        assertThat(jobs).hasSize(7).doesNotHaveDuplicates();
        List<RecordedRequest> pages = sim.recordedRequests("GET", ".*/jobs");
        assertThat(pages).extracting(r -> r.queryParam("offset")).containsExactly("0", "2", "4", "6");
        assertThat(pages).allSatisfy(r -> assertThat(r.queryParam("sort")).isEqualTo("desc"));
    }

    @Test
    void paginateCopesWithAServerThatCapsTheLimit() {
        sim.setMaxPageLimit(3);
        SimRequest request = sim.seedRequest();
        for (int i = 0; i < 8; i++) {
            sim.seedCompletedJob(request.id(), "success", Instant.now().minusSeconds(600 - i));
        }

        List<?> jobs = template.requestBodyAndHeader("direct:api", null, OPERATION, "listJobs", List.class);
        assertThat(jobs).hasSize(3); // one page without paginate

        List<?> all = template.requestBody("dataconnector:listJobs?limit=50&paginate=true", null, List.class);
        assertThat(all).hasSize(8).doesNotHaveDuplicates();
        assertThat(sim.recordedRequests("GET", ".*/jobs")).extracting(r -> r.queryParam("offset"))
                .containsExactly(null, "0", "3", "6");
    }

    @Test
    void getJobPrefersTheHeaderOverTheUriOption() {
        SimJob job = sim.seedCompleteSuccessJob();

        Job fetched = template.requestBodyAndHeader("direct:jobOfUri", null, JOB_ID, job.id(), Job.class);

        assertThat(fetched.getId()).isEqualTo(job.id());
        assertThat(fetched.getCompletionStatus()).isEqualTo("success");
        assertThat(lastApiCall().path()).isEqualTo(api("/jobs/" + job.id()));
    }

    @Test
    void getJobUsesTheUriOptionWithoutHeader() {
        Exchange result = template.request("direct:jobOfUri", e -> { });

        assertThat(result.getException()).isInstanceOf(DataConnectorException.class);
        assertThat(lastApiCall().path()).isEqualTo(api("/jobs/uri-job-id"));
        DataConnectorException error = (DataConnectorException) result.getException();
        assertThat(error.getStatusCode()).isEqualTo(404);
        assertThat(error.getOperation()).isEqualTo("getJob");
        assertThat(error.getMessage()).contains("jobId=uri-job-id").contains("404");
    }

    @Test
    void missingIdIsAClearErrorNamingHeaderAndOption() {
        Exchange result = call("getRequest", null, Map.of());
        assertThat(result.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(REQUEST_ID).hasMessageContaining("requestId");
        assertThat(sim.recordedRequests()).isEmpty();
    }

    @Test
    void cancelJobDeletesTheRunningJob() {
        SimRequest request = sim.seedRequest();
        SimJob running = sim.seedJob(request.id(), "running", null, Instant.now().minusSeconds(30));

        ok("cancelJob", null, Map.of(JOB_ID, running.id()));

        assertThat(lastApiCall().method()).isEqualTo("DELETE");
        assertThat(lastApiCall().path()).isEqualTo(api("/jobs/" + running.id()));
        assertThat(sim.job(running.id()).orElseThrow().completionStatus()).isEqualTo("cancelled");
    }

    @Test
    void listJobFilesReturnsTheListingWithSizes() {
        SimJob job = sim.seedCompleteSuccessJob();

        List<?> files = (List<?>) ok("listJobFiles", null, Map.of(JOB_ID, job.id()));

        assertThat(files).allMatch(ExtractFile.class::isInstance);
        assertThat(files).extracting(f -> ((ExtractFile) f).getName())
                .contains("README.html", "autodesk_data_extract.zip", "admin_users.csv", "issues_issues.csv");
        assertThat(files).allSatisfy(f -> assertThat(((ExtractFile) f).getSize()).isPositive());
        assertThat(lastApiCall().path()).isEqualTo(api("/jobs/" + job.id() + "/data-listing"));
    }

    @Test
    void listJobFilesOfAFailedJobIs404() {
        SimJob job = sim.seedCompletedJob(sim.seedRequest().id(), "failed", Instant.now().minusSeconds(60));

        Exchange result = call("listJobFiles", null, Map.of(JOB_ID, job.id()));

        assertThat(result.getException()).isInstanceOf(DataConnectorException.class);
        assertThat(((DataConnectorException) result.getException()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void getJobFileUrlReturnsARedactedSignedUrl() {
        SimJob job = sim.seedCompleteSuccessJob();

        Exchange result = call("getJobFileUrl", null, Map.of(JOB_ID, job.id(), FILE_NAME, "admin_users.csv"));

        SignedUrl url = result.getMessage().getBody(SignedUrl.class);
        assertThat(url.getName()).isEqualTo("admin_users.csv");
        assertThat(url.getSize()).isPositive(); // sent as a string by the API
        assertThat(url.getSignedUrl()).contains("Signature=");
        assertThat(url.toString()).doesNotContain("Signature");
        assertThat(result.getMessage().getHeader(FILE_SIZE)).isEqualTo(url.getSize());
        assertThat(lastApiCall().path()).isEqualTo(api("/jobs/" + job.id() + "/data/admin_users.csv"));
    }

    @Test
    void downloadJobFileStreamsTheZipWithoutSendingTheBearer() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();

        Exchange result = call("downloadJobFile", null, Map.of(JOB_ID, job.id(), FILE_NAME, "autodesk_data_extract.zip"));

        assertThat(result.getException()).isNull();
        List<String> entries = new java.util.ArrayList<>();
        try (InputStream body = result.getMessage().getBody(InputStream.class);
             ZipInputStream zip = new ZipInputStream(body)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).contains("admin_users.csv", "rfis_rfis.csv", "metadata.csv", "docs/README.html",
                "docs/schemas/admin.html");
        RecordedRequest download = lastApiCall();
        assertThat(download.path()).doesNotContain("/data-connector/");
        assertThat(download.hasHeader("Authorization")).isFalse();
        assertThat(result.getMessage().getHeader(FILE_SIZE, Long.class)).isPositive();
    }

    @Test
    void unknownOperationHeaderIsRejected() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:api", null, OPERATION, "dropEverything"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageContaining("Unknown Data Connector operation 'dropEverything'");
    }
}
