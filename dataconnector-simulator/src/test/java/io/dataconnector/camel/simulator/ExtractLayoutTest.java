package io.dataconnector.camel.simulator;

import static io.dataconnector.camel.simulator.ExtractFixtures.BOM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The real layout of extracts, read over HTTP: listing, ZIP entries, BOM, docs, metadata.csv. */
class ExtractLayoutTest extends SimTestSupport {

    private List<String> listingNames(String jobId) {
        List<String> names = new ArrayList<>();
        json(api("GET", "/jobs/" + jobId + "/data-listing")).forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    private Map<String, byte[]> zipOf(String jobId) throws Exception {
        return DownloadTest.unzip(download(signedUrl(jobId, ExtractGenerator.ZIP)).body());
    }

    @Test
    void listingHoldsReadmeCsvsMetadataAndZipButNoSchemaFiles() {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        List<String> names = listingNames(job.id());
        assertThat(names).contains("README.html", "metadata.csv", "autodesk_data_extract.zip", "admin_users.csv",
                "issues_issues.csv", "rfis_rfis.csv", "activities_admin_activities.csv",
                "activities_cost_activities.csv", "cdccost_approval_workflows.csv", "locations_nodes.csv");
        assertThat(names).allSatisfy(n -> assertThat(n).matches("README\\.html|metadata\\.csv|"
                + "autodesk_data_extract\\.zip|[a-z0-9]+_[a-z0-9_]+\\.csv"));
        assertThat(names).noneMatch(n -> n.startsWith("schema_") || n.startsWith("docs/") || n.endsWith(".json"));
        assertThat(names.stream().filter(n -> n.endsWith(".csv")).count()).isBetween(40L, 70L);
    }

    @Test
    void zipHasCsvsAndMetadataAtTheRootAndDocsPerServiceGroup() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        Map<String, byte[]> zip = zipOf(job.id());
        Set<String> groups = new TreeSet<>();
        for (String n : listingNames(job.id())) {
            if (n.endsWith(".csv") && !n.equals("metadata.csv")) {
                assertThat(zip.get(n)).as(n).isEqualTo(sim.jobFileBytes(job.id(), n));
                groups.add(n.substring(0, n.indexOf('_')));
            }
        }
        assertThat(groups).containsExactlyInAnyOrderElementsOf(TableCatalogue.GROUPS);
        Set<String> expected = new TreeSet<>(ExtractFixtures.csvs(zip).keySet());
        expected.add("metadata.csv");
        expected.add("docs/README.html");
        for (String g : groups) {
            expected.add("docs/schemas/" + g + ".html");
            expected.add("docs/schemas/" + g + ".json");
        }
        assertThat(zip.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(zip.get("docs/README.html")).isEqualTo(sim.jobFileBytes(job.id(), "README.html"));
        String readme = new String(zip.get("docs/README.html"), StandardCharsets.UTF_8);
        assertThat(readme).contains("What's new", "admin_users.csv", "schemas/admin.html#users");
    }

    @Test
    void everyCsvStartsWithABomAndEndsRecordsInLf() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        Map<String, byte[]> zip = zipOf(job.id());
        for (Map.Entry<String, byte[]> e : zip.entrySet()) {
            if (!e.getKey().endsWith(".csv")) {
                continue;
            }
            String s = new String(e.getValue(), StandardCharsets.UTF_8);
            assertThat(s).as(e.getKey()).startsWith(BOM).endsWith("\n").doesNotStartWith(BOM + BOM);
            // outside quoted text there is no CR: every CR is inside a quoted field
            List<List<String>> rows = CsvTestParser.parse(s.substring(1));
            int crInCells = rows.stream().mapToInt(r -> r.stream().mapToInt(c -> c.split("\r", -1).length - 1)
                    .sum()).sum();
            assertThat(s.split("\r", -1).length - 1).as(e.getKey()).isEqualTo(crInCells);
            int width = rows.get(0).size();
            assertThat(rows).as(e.getKey()).allSatisfy(r -> assertThat(r).hasSize(width));
        }
    }

    @Test
    void htmlAndJsonDocsAgreeWithTheCsvHeaders() throws Exception {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        Map<String, byte[]> zip = zipOf(job.id());
        for (String g : TableCatalogue.GROUPS) {
            JsonNode json = JSON.readTree(zip.get("docs/schemas/" + g + ".json"));
            Document html = Jsoup.parse(new String(zip.get("docs/schemas/" + g + ".html"), StandardCharsets.UTF_8));
            assertThat(html.selectFirst("h1").text()).isEqualTo(g + " Schema Description");
            List<String> htmlTables = html.select("h2").eachAttr("id");
            assertThat(html.select("ul a").eachAttr("href")).containsExactlyElementsOf(
                    htmlTables.stream().map(t -> "#" + t).toList());
            List<String> jsonTables = new ArrayList<>();
            json.fieldNames().forEachRemaining(jsonTables::add);
            assertThat(htmlTables).containsExactlyElementsOf(jsonTables).isNotEmpty();
            for (String table : jsonTables) {
                List<String> header = ExtractFixtures.rows(zip.get(g + "_" + table + ".csv")).get(0);
                List<String> jsonCols = new ArrayList<>();
                Iterator<Map.Entry<String, JsonNode>> it = json.get(table).fields();
                int ordinal = 1;
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> c = it.next();
                    jsonCols.add(c.getKey());
                    assertThat(c.getValue().get("ordinal_position").asInt()).isEqualTo(ordinal++);
                    assertThat(c.getValue().get("data_type").asText()).isIn("string: UUID", "string",
                            "timestamp: SQL", "number", "boolean", "enum: string", "string: null", "date: string");
                    assertThat(c.getValue().has("constraints")).isTrue();
                    assertThat(c.getValue().has("notes")).isTrue();
                }
                assertThat(jsonCols).as(g + "." + table).containsExactlyElementsOf(header);
                Element h2 = html.getElementById(table);
                assertThat(h2.nextElementSibling().tagName()).isEqualTo("p");
                Element grid = h2.nextElementSibling().nextElementSibling();
                assertThat(grid.tagName()).isEqualTo("table");
                assertThat(grid.select("th").eachText()).containsExactly("ordinal_position", "column_name",
                        "data_type", "constraints", "notes");
                List<String> htmlCols = grid.select("tbody tr").stream().map(tr -> tr.child(1).text()).toList();
                assertThat(htmlCols).as(g + "." + table).containsExactlyElementsOf(header);
                assertThat(grid.select("tbody tr").get(0).select("td")).hasSize(5);
            }
        }
        JsonNode admin = JSON.readTree(zip.get("docs/schemas/admin.json"));
        assertThat(admin.get("users").get("id").get("constraints").asText()).isEqualTo("Primary Key");
        assertThat(admin.get("users").get("id").get("data_type").asText()).isEqualTo("string: UUID");
        JsonNode issues = JSON.readTree(zip.get("docs/schemas/issues.json"));
        assertThat(issues.get("issues").get("id").get("constraints").asText()).isEqualTo("Primary Key");
        JsonNode cdc = JSON.readTree(zip.get("docs/schemas/cdccost.json"));
        assertThat(cdc.get("approval_workflows").get("adsk_row_id").get("notes").asText())
                .isEqualTo("Unique row identifier to be used in CDC operations");
        assertThat(cdc.get("approval_workflows").has("deleted_at")).isTrue();
        JsonNode activities = JSON.readTree(zip.get("docs/schemas/activities.json"));
        assertThat(activities.get("cost_activities").size()).isEqualTo(200);
        // documented types that are wrong, as in Autodesk's docs
        assertThat(activities.get("cost_activities").get("object_billing_period_display_name").get("data_type")
                .asText()).isEqualTo("string: UUID");
        assertThat(activities.get("cost_activities").get("object_segment_value_display_name").get("data_type")
                .asText()).isEqualTo("number");
    }

    @Test
    void metadataCsvHoldsCreationTimeAndRegion() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().region("EMEA"));
        SimJob job = sim.seedCompleteSuccessJob();
        List<List<String>> rows = ExtractFixtures.rows(zipOf(job.id()).get("metadata.csv"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("created_at", "region");
        // the seeded job completed a minute after its creation ten minutes ago
        assertThat(rows.get(1)).containsExactly("2025-03-01 09:51:00.000 UTC", "EMEA");
        assertThat(sim.jobFileBytes(job.id(), "metadata.csv")).startsWith(BOM.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderOnlyTableAndSqlKeywordColumns() {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        assertThat(ExtractFixtures.text(sim.jobFileBytes(job.id(), "rfis_rfi_co_reviewers.csv")))
                .isEqualTo("rfi_id,bim360_account_id,bim360_project_id,user_id\n");
        Set<String> headers = new TreeSet<>();
        for (ExtractFileInfo f : sim.jobFiles(job.id())) {
            if (f.name().endsWith(".csv")) {
                headers.addAll(ExtractFixtures.rows(sim.jobFileBytes(job.id(), f.name())).get(0));
            }
        }
        assertThat(headers).contains("order", "index", "number", "data", "value", "type", "position");
        assertThat(ExtractFixtures.rows(sim.jobFileBytes(job.id(), "activities_cost_activities.csv")).get(0))
                .hasSize(200);
    }

    @Test
    void serviceGroupsChooseTablesAndDocs() throws Exception {
        startDefault();
        String reqId = json(api("POST", "/requests", ONE_TIME_BODY.replace("\"admin\",\"issues\"",
                "\"rfis\",\"locations\""))).get("id").asText();
        String jobId = sim.jobsOf(reqId).get(0).id();
        assertThat(listingNames(jobId)).containsExactly("README.html", "autodesk_data_extract.zip",
                "locations_nodes.csv", "locations_trees.csv", "metadata.csv", "rfis_comments.csv",
                "rfis_rfi_co_reviewers.csv", "rfis_rfi_responses.csv", "rfis_rfi_transitions.csv",
                "rfis_rfi_types.csv", "rfis_rfis.csv");
        assertThat(zipOf(jobId).keySet()).filteredOn(n -> n.startsWith("docs/schemas/")).containsExactlyInAnyOrder(
                "docs/schemas/locations.html", "docs/schemas/locations.json", "docs/schemas/rfis.html",
                "docs/schemas/rfis.json");
    }

    @Test
    void legacySchemaFilesOnlyWhenAskedFor() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().legacySchemaFiles(true));
        SimJob job = sim.seedCompleteSuccessJob();
        assertThat(listingNames(job.id())).contains("schema_admin_users.json");
        JsonNode legacy = JSON.readTree(zipOf(job.id()).get("schema_admin_users.json"));
        assertThat(legacy.get("table").asText()).isEqualTo("admin_users");
        assertThat(legacy.get("columns").get(0).get("type").asText()).isEqualTo("string: UUID");
        sim.setLegacySchemaFiles(false);
        assertThat(listingNames(job.id())).noneMatch(n -> n.startsWith("schema_"));
    }
}
