package io.dataconnector.camel.component.model;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelJsonTest {

    private static final ObjectMapper M = DataConnectorJson.mapper();
    private static final List<String> IDS = List.of("ffffffff-1f51-4b26-a6b7-6ac0639cb138",
            "aaaaaaaa-1f51-4b26-a6b7-6ac0639cb138");

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    // --- reference examples ----------------------------------------------------------------------------------------

    @Test
    void readsTheReferenceDataRequest() throws Exception {
        DataRequest r = DataConnectorJson.read(in(ReferenceExamples.DATA_REQUEST), DataRequest.class);
        assertThat(r.getId()).isEqualTo("ce9bc188-1e18-11eb-adc1-0242ac120002");
        assertThat(r.getDescription()).isEqualTo("My Company Data Extract");
        assertThat(r.getIsActive()).isTrue();
        assertThat(r.getAccountId()).isEqualTo("f9abf4c8-1f51-4b26-a6b7-6ac0639cb138");
        assertThat(r.getProjectId()).isNull();
        assertThat(r.getProjectIdList()).isEqualTo(IDS);
        assertThat(r.getCreatedBy()).isEqualTo("ABCDEFGHI");
        assertThat(r.getCreatedByEmail()).isEqualTo("joe.user@mycompany.com");
        assertThat(r.getCreatedAt()).isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        assertThat(r.getUpdatedBy()).isEqualTo("ABCDEFGHI");
        assertThat(r.getUpdatedAt()).isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        assertThat(r.getScheduleInterval()).isEqualTo("ONE_TIME");
        assertThat(r.getReoccuringInterval()).isNull();
        assertThat(r.getEffectiveFrom()).isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        assertThat(r.getEffectiveTo()).isEqualTo(Instant.parse("2020-11-12T19:09:40.106Z"));
        assertThat(r.getLastQueuedAt()).isNull();
        assertThat(r.getServiceGroups()).containsExactly("admin", "issues");
        assertThat(r.getCallbackUrl()).isEqualTo("https://api.mycompany.com/autodesk/jobinfo");
        assertThat(r.getSendEmail()).isTrue();
        assertThat(r.getStartDate()).isEqualTo(Instant.parse("2023-06-06T00:00:00Z"));
        assertThat(r.getEndDate()).isEqualTo(Instant.parse("2023-06-06T12:00:00Z"));
        assertThat(r.getDateRange()).isEqualTo("LAST_MONTH");
        assertThat(r.getProjectStatus()).isEqualTo("active");
    }

    @Test
    void roundTripsTheReferenceDataRequest() throws Exception {
        DataRequest r = DataConnectorJson.read(in(ReferenceExamples.DATA_REQUEST), DataRequest.class);
        JsonNode written = M.readTree(DataConnectorJson.write(r));
        JsonNode original = M.readTree(ReferenceExamples.DATA_REQUEST);

        // every non-null field of the example is written back with the same value, except projectIdList which
        // is normalized to a real array
        original.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                assertThat(written.has(e.getKey())).as(e.getKey()).isFalse();
            } else if (!e.getKey().equals("projectIdList")) {
                assertThat(written.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        });
        assertThat(written.get("projectIdList").isArray()).isTrue();
        assertThat(M.convertValue(written.get("projectIdList"), List.class)).isEqualTo(IDS);
        assertThat(written.get("isActive").asBoolean()).isTrue();
        assertThat(written.has("active")).isFalse();

        DataRequest again = DataConnectorJson.read(in(written.toString()), DataRequest.class);
        assertThat(DataConnectorJson.write(again)).isEqualTo(DataConnectorJson.write(r));
    }

    @Test
    void readsTheReferenceCreateBody() {
        DataRequest r = DataConnectorJson.toDataRequest(ReferenceExamples.CREATE_REQUEST_BODY);
        assertThat(r.getProjectIdList()).isEqualTo(IDS);
        assertThat(r.getServiceGroups()).containsExactly("admin", "issues");
        assertThat(r.getStartDate()).isEqualTo(Instant.parse("2023-06-06T00:00:00Z"));
    }

    @Test
    void readsTheReferenceRequestsPage() throws Exception {
        Page<DataRequest> page = DataConnectorJson.readPage(in(ReferenceExamples.REQUESTS_PAGE), DataRequest.class);
        assertThat(page.getPagination().getLimit()).isEqualTo(20);
        assertThat(page.getPagination().getOffset()).isZero();
        assertThat(page.getPagination().getTotalResults()).isEqualTo(100);
        assertThat(page.getResults()).hasSize(1);
        assertThat(page.getResults().get(0)).isInstanceOf(DataRequest.class);
        assertThat(page.getResults().get(0).getProjectIdList()).isEqualTo(IDS);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void readsAndRoundTripsTheReferenceJob() throws Exception {
        Job job = DataConnectorJson.read(in(ReferenceExamples.JOB), Job.class);
        assertThat(job.getId()).isEqualTo("ce9bc188-1e18-11eb-adc1-0242ac120002");
        assertThat(job.getRequestId()).isEqualTo("a5a8e90f-3dbe-4b08-9b8e-16e8049ce31e");
        assertThat(job.getAccountId()).isEqualTo("f9abf4c8-1f51-4b26-a6b7-6ac0639cb138");
        assertThat(job.getProjectIdList()).isEqualTo(IDS);
        assertThat(job.getCreatedBy()).isEqualTo("ABCDEFGHI");
        assertThat(job.getCreatedByEmail()).isEqualTo("joe.user@mycompany.com");
        assertThat(job.getCreatedAt()).isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        assertThat(job.getStatus()).isEqualTo("complete");
        assertThat(job.getCompletionStatus()).isEqualTo("success");
        assertThat(job.getStartedAt()).isEqualTo(Instant.parse("2020-11-06T19:10:00.106Z"));
        assertThat(job.getCompletedAt()).isEqualTo(Instant.parse("2020-11-06T19:29:40.106Z"));
        assertThat(job.getSendEmail()).isTrue();
        assertThat(job.getProgress()).isNull();
        assertThat(job.getLastDownloadedBy()).isEqualTo("joe.user@mycompany.com");
        assertThat(job.getLastDownloadedAt()).isEqualTo(Instant.parse("2021-11-06T19:09:40.106Z"));
        assertThat(job.getStartDate()).isEqualTo(Instant.parse("2023-06-06T00:00:00Z"));
        assertThat(job.getEndDate()).isEqualTo(Instant.parse("2023-06-06T12:00:00Z"));
        assertThat(job.isComplete()).isTrue();
        assertThat(job.isSuccessful()).isTrue();

        JsonNode written = M.readTree(DataConnectorJson.write(job));
        assertThat(written.has("complete")).isFalse();
        assertThat(written.has("successful")).isFalse();
        assertThat(written.has("progress")).isFalse();
        assertThat(written.get("completedAt").asText()).isEqualTo("2020-11-06T19:29:40.106Z");
        assertThat(written.get("projectIdList").isArray()).isTrue();
        Job again = M.treeToValue(written, Job.class);
        assertThat(DataConnectorJson.write(again)).isEqualTo(DataConnectorJson.write(job));
    }

    @Test
    void readsTheReferenceJobsPage() throws Exception {
        Page<Job> page = DataConnectorJson.readPage(in(ReferenceExamples.JOBS_PAGE), Job.class);
        assertThat(page.getResults()).singleElement().satisfies(j -> {
            assertThat(j.isSuccessful()).isTrue();
            assertThat(j.getProgress()).isNull();
        });
    }

    @Test
    void readsTheReferenceSignedUrl() throws Exception {
        SignedUrl url = DataConnectorJson.read(in(ReferenceExamples.SIGNED_URL), SignedUrl.class);
        assertThat(url.getName()).isEqualTo("admin_companies.csv");
        assertThat(url.getSize()).isEqualTo(123456L);
        assertThat(url.getSignedUrl()).isEqualTo(ReferenceExamples.SIGNED_URL_VALUE);
        JsonNode written = M.readTree(DataConnectorJson.write(url));
        assertThat(written.get("size").asLong()).isEqualTo(123456L);
        assertThat(written.get("signedUrl").asText()).isEqualTo(ReferenceExamples.SIGNED_URL_VALUE);
    }

    // --- quirks -----------------------------------------------------------------------------------------------------

    @Test
    void projectIdListAsArray() throws Exception {
        Job job = M.readValue("{\"projectIdList\": [\"a\", \"b\"]}", Job.class);
        assertThat(job.getProjectIdList()).containsExactly("a", "b");
    }

    @Test
    void projectIdListAsEncodedString() throws Exception {
        DataRequest r = M.readValue("{\"projectIdList\": \"[ \\\"a\\\", \\\"b\\\" ]\"}", DataRequest.class);
        assertThat(r.getProjectIdList()).containsExactly("a", "b");
    }

    @Test
    void projectIdListNullOrEmpty() throws Exception {
        assertThat(M.readValue("{\"projectIdList\": null}", DataRequest.class).getProjectIdList()).isNull();
        assertThat(M.readValue("{\"projectIdList\": \"\"}", DataRequest.class).getProjectIdList()).isNull();
        assertThat(M.readValue("{\"projectIdList\": \"[]\"}", DataRequest.class).getProjectIdList()).isEmpty();
        assertThat(M.readValue("{}", DataRequest.class).getProjectIdList()).isNull();
    }

    @Test
    void projectIdListAsPlainString() throws Exception {
        assertThat(M.readValue("{\"projectIdList\": \"a, b\"}", DataRequest.class).getProjectIdList())
                .containsExactly("a", "b");
    }

    @Test
    void projectIdListBrokenEncodedStringNamesTheField() {
        assertThatThrownBy(() -> M.readValue("{\"projectIdList\": \"[ \\\"a\\\", \"}", DataRequest.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("projectIdList");
    }

    @Test
    void progressAsIntEmptyStringOrNumericString() throws Exception {
        assertThat(M.readValue("{\"progress\": 42}", Job.class).getProgress()).isEqualTo(42);
        assertThat(M.readValue("{\"progress\": \"\"}", Job.class).getProgress()).isNull();
        assertThat(M.readValue("{\"progress\": \"75\"}", Job.class).getProgress()).isEqualTo(75);
        assertThat(M.readValue("{\"progress\": null}", Job.class).getProgress()).isNull();
        assertThat(M.readValue("{\"progress\": 100.0}", Job.class).getProgress()).isEqualTo(100);
    }

    @Test
    void progressGarbageNamesTheField() {
        assertThatThrownBy(() -> M.readValue("{\"progress\": \"half\"}", Job.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("progress");
    }

    @Test
    void sizeAsIntOrString() throws Exception {
        assertThat(M.readValue("{\"size\": 123456}", ExtractFile.class).getSize()).isEqualTo(123456L);
        assertThat(M.readValue("{\"size\": \"123456\"}", ExtractFile.class).getSize()).isEqualTo(123456L);
        assertThat(M.readValue("{\"size\": 5000000000}", ExtractFile.class).getSize()).isEqualTo(5_000_000_000L);
        assertThat(M.readValue("{\"size\": \"\"}", SignedUrl.class).getSize()).isNull();
        assertThat(M.readValue("{\"size\": 7}", SignedUrl.class).getSize()).isEqualTo(7L);
    }

    @Test
    void readsADataListing() throws Exception {
        List<ExtractFile> files = DataConnectorJson.readList(in("""
                [ {"name": "admin_users.csv", "createdAt": "2020-11-06T19:29:40.106Z", "size": 1024},
                  {"name": "autodesk_data_extract.zip", "createdAt": "2020-11-06T19:29:40.106Z", "size": "2048",
                   "somethingNew": {"x": 1}} ]
                """), ExtractFile.class);
        assertThat(files).extracting(ExtractFile::getName).containsExactly("admin_users.csv",
                "autodesk_data_extract.zip");
        assertThat(files).extracting(ExtractFile::getSize).containsExactly(1024L, 2048L);
        assertThat(files.get(0).getCreatedAt()).isEqualTo(Instant.parse("2020-11-06T19:29:40.106Z"));
        assertThat(files.get(0).toString()).contains("admin_users.csv");
    }

    @Test
    void readListAcceptsAPageShapeAndEmptyBodies() throws Exception {
        assertThat(DataConnectorJson.readList(in("{\"results\": [{\"name\": \"a.csv\"}]}"), ExtractFile.class))
                .extracting(ExtractFile::getName).containsExactly("a.csv");
        assertThat(DataConnectorJson.readList(in(""), ExtractFile.class)).isEmpty();
        assertThat(DataConnectorJson.read(in(""), Job.class)).isNull();
        assertThatThrownBy(() -> DataConnectorJson.readList(in("{\"name\": 1}"), ExtractFile.class))
                .hasMessageContaining("Expected a JSON array of ExtractFile");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String json = "{\"id\": \"j1\", \"brandNew\": {\"nested\": [1, 2]}, \"other\": 3}";
        assertThat(M.readValue(json, Job.class).getId()).isEqualTo("j1");
        assertThat(M.readValue(json, DataRequest.class).getId()).isEqualTo("j1");
        assertThat(M.readValue(json, ExtractFile.class).getName()).isNull();
        assertThat(M.readValue(json, SignedUrl.class).getName()).isNull();
        // also with a plain ObjectMapper (annotations, not only the shared configuration)
        assertThat(new ObjectMapper().readValue(json, Job.class).getId()).isEqualTo("j1");
    }

    @Test
    void reoccuringIntervalIsReadInBothSpellingsAndWrittenAsTheApiSpellsIt() throws Exception {
        assertThat(M.readValue("{\"reoccuringInterval\": 2}", DataRequest.class).getReoccuringInterval())
                .isEqualTo(2);
        assertThat(M.readValue("{\"reoccurringInterval\": 3}", DataRequest.class).getReoccuringInterval())
                .isEqualTo(3);
        assertThat(M.readValue("{\"reoccuringInterval\": \"4\"}", DataRequest.class).getReoccuringInterval())
                .isEqualTo(4);
        DataRequest r = new DataRequest();
        r.setReoccuringInterval(5);
        JsonNode written = M.readTree(DataConnectorJson.write(r));
        assertThat(written.get("reoccuringInterval").asInt()).isEqualTo(5);
        assertThat(written.has("reoccurringInterval")).isFalse();
    }

    @Test
    void dateTimesAreTolerant() throws Exception {
        assertThat(M.readValue("{\"createdAt\": \"2020-11-06T20:09:40.106+01:00\"}", Job.class).getCreatedAt())
                .isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        assertThat(M.readValue("{\"createdAt\": \"2020-11-06T19:09:40Z\"}", Job.class).getCreatedAt())
                .isEqualTo(Instant.parse("2020-11-06T19:09:40Z"));
        assertThat(M.readValue("{\"createdAt\": \"\"}", Job.class).getCreatedAt()).isNull();
        assertThat(M.readValue("{\"createdAt\": null}", Job.class).getCreatedAt()).isNull();
        assertThat(M.readValue("{\"createdAt\": 1604689780106}", Job.class).getCreatedAt())
                .as("epoch milliseconds").isEqualTo(Instant.parse("2020-11-06T19:09:40.106Z"));
        // any mapper with jackson-datatype-jsr310 (camel-jackson registers it) reads the model too
        assertThat(JsonMapper.builder().addModule(new JavaTimeModule()).build()
                .readValue("{\"createdAt\": \"2020-11-06T19:09:40Z\"}", Job.class).getCreatedAt())
                .isEqualTo(Instant.parse("2020-11-06T19:09:40Z"));
    }

    @Test
    void dateTimesAreWrittenAsUtcWithMillis() {
        Job job = new Job();
        job.setCreatedAt(Instant.parse("2020-11-06T19:09:40Z"));
        assertThat(new String(DataConnectorJson.write(job), StandardCharsets.UTF_8))
                .isEqualTo("{\"createdAt\":\"2020-11-06T19:09:40.000Z\"}");
    }

    @Test
    void badDateNamesTheField() {
        assertThatThrownBy(() -> M.readValue("{\"completedAt\": \"yesterday\"}", Job.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("completedAt")
                .hasMessageContaining("yesterday");
    }

    // --- serialization ----------------------------------------------------------------------------------------------

    @Test
    void patchSendsOnlyTheFieldsSet() {
        DataRequest patch = new DataRequest();
        patch.setIsActive(false);
        patch.setDescription("renamed");
        assertThat(new String(DataConnectorJson.write(patch), StandardCharsets.UTF_8))
                .isEqualTo("{\"description\":\"renamed\",\"isActive\":false}");
        // also when written by a plain ObjectMapper
        assertThat(new String(DataConnectorJson.write(new DataRequest()), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void projectIdListIsWrittenAsAnArray() throws Exception {
        DataRequest r = new DataRequest();
        r.setProjectIdList(IDS);
        JsonNode written = M.readTree(DataConnectorJson.write(r));
        assertThat(written.get("projectIdList").isArray()).isTrue();
        assertThat(written.get("projectIdList").get(1).asText()).isEqualTo(IDS.get(1));
    }

    // --- SignedUrl --------------------------------------------------------------------------------------------------

    @Test
    void signedUrlToStringHidesTheQueryString() {
        SignedUrl url = new SignedUrl("admin_companies.csv", 123456L, ReferenceExamples.SIGNED_URL_VALUE);
        assertThat(url.toString())
                .contains("admin_companies.csv")
                .contains("https://bim360dc-p-ue1-extracts.s3.amazonaws.com/data/")
                .doesNotContain("?AWSAccessKeyId")
                .doesNotContain("ASIAWZ7KRFT5TZSCKIYO")
                .doesNotContain("Signature")
                .doesNotContain("cb5HR")
                .doesNotContain("x-amz-security-token");
        assertThat(url.getSignedUrl()).isEqualTo(ReferenceExamples.SIGNED_URL_VALUE);
    }

    @Test
    void redactRemovesQueryFragmentAndUserInfo() {
        assertThat(SignedUrl.redact("https://user:pw@host/p/f.zip?sig=1#x")).isEqualTo("https://***@host/p/f.zip?…");
        assertThat(SignedUrl.redact("https://host/p/f.zip")).isEqualTo("https://host/p/f.zip");
        assertThat(SignedUrl.redact(null)).isNull();
        assertThat(new SignedUrl().toString()).contains("signedUrl=null");
    }

    // --- toDataRequest ----------------------------------------------------------------------------------------------

    @Test
    void toDataRequestAcceptsEveryBodyType() {
        DataRequest direct = new DataRequest();
        assertThat(DataConnectorJson.toDataRequest(direct)).isSameAs(direct);

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scheduleInterval", "WEEK");
        map.put("reoccurringInterval", 2);
        map.put("effectiveFrom", "2024-01-01T00:00:00Z");
        map.put("effectiveTo", Instant.parse("2024-06-01T00:00:00Z"));
        map.put("projectIdList", List.of("p1"));
        map.put("serviceGroups", List.of("admin"));
        map.put("whatever", "ignored");
        DataRequest fromMap = DataConnectorJson.toDataRequest(map);
        assertThat(fromMap.getReoccuringInterval()).isEqualTo(2);
        assertThat(fromMap.getEffectiveFrom()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(fromMap.getEffectiveTo()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(fromMap.getProjectIdList()).containsExactly("p1");

        String json = "{\"description\":\"d\",\"isActive\":true}";
        assertThat(DataConnectorJson.toDataRequest(json).getIsActive()).isTrue();
        assertThat(DataConnectorJson.toDataRequest(json.getBytes(StandardCharsets.UTF_8)).getDescription())
                .isEqualTo("d");
        assertThat(DataConnectorJson.toDataRequest(in(json)).getDescription()).isEqualTo("d");
    }

    @Test
    void toDataRequestNamesAnUnsupportedBodyType() {
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest(42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("DataRequest");
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest("not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = { "effectiveFrom", "effectiveTo", "startDate", "endDate" })
    void toDataRequestNamesAFieldWithABadDate(String field) {
        Map<String, Object> map = Map.of(field, "06/06/2023");
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest(map))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo(field))
                .hasMessageContaining(field)
                .hasMessageContaining("06/06/2023");
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest("{\"" + field + "\": \"06/06/2023\"}"))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @Test
    void toDataRequestNamesAFieldWithABadNumber() {
        assertThatThrownBy(() -> DataConnectorJson.toDataRequest(Map.of("reoccuringInterval", "often")))
                .isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("reoccuringInterval"));
    }
}
