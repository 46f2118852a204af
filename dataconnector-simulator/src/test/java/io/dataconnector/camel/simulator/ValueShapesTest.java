package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cells of generated extracts have the shapes of real ones. */
class ValueShapesTest extends SimTestSupport {

    private static final Pattern UUID_ANY = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    /** Every cell of every CSV of one job, with its table and documented column type. */
    private record Cell(String table, String column, String type, String value) {
    }

    private List<Cell> cells(String jobId) throws Exception {
        Map<String, byte[]> zip = DownloadTest.unzip(download(signedUrl(jobId, ExtractGenerator.ZIP)).body());
        List<Cell> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : ExtractFixtures.csvs(zip).entrySet()) {
            String table = e.getKey().substring(0, e.getKey().length() - 4);
            String group = table.substring(0, table.indexOf('_'));
            JsonNode doc = JSON.readTree(zip.get("docs/schemas/" + group + ".json"))
                    .get(table.substring(group.length() + 1));
            List<List<String>> rows = CsvTestParser.parseMarkingQuotedEmpty(ExtractFixtures.text(e.getValue()));
            List<String> header = rows.get(0);
            for (List<String> row : rows.subList(1, rows.size())) {
                for (int i = 0; i < row.size(); i++) {
                    out.add(new Cell(table, header.get(i), doc.get(header.get(i)).get("data_type").asText(),
                            row.get(i)));
                }
            }
        }
        return out;
    }

    @Test
    void realValueShapesArePresent() throws Exception {
        startDefault();
        List<Cell> cells = cells(sim.seedCompleteSuccessJob().id());
        List<String> values = cells.stream().map(Cell::value).toList();

        // Autodesk user ids, not UUIDs, in user columns
        List<String> createdBy = cells.stream().filter(c -> c.column().equals("created_by")).map(Cell::value)
                .toList();
        assertThat(createdBy).anyMatch(v -> v.matches("[A-Z0-9]{12}")).anyMatch(v -> v.matches("\\d{15}"))
                .contains("System").noneMatch(v -> UUID_ANY.matcher(v).matches());
        // time-based (version 1) and random (version 4) UUIDs
        assertThat(values).anyMatch(v -> v.matches("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                + "[0-9a-f]{12}")).anyMatch(v -> v.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-.*"));
        // timestamps: no fraction, 3 or 6 digits with " UTC", PostgreSQL-style "+00"
        List<String> ts = cells.stream().filter(c -> c.type().equals("timestamp: SQL") && !c.value().isEmpty()
                && !c.value().equals(CsvTestParser.QUOTED_EMPTY)).map(Cell::value).toList();
        assertThat(ts).anyMatch(v -> v.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"))
                .anyMatch(v -> v.matches(".*:\\d\\d\\.\\d{3} UTC")).anyMatch(v -> v.matches(".*:\\d\\d\\.\\d{6} UTC"))
                .anyMatch(v -> v.matches(".*:\\d\\d(\\.\\d{1,6})?\\+00"))
                .allSatisfy(v -> assertThat(ExtractFixtures.parseTimestamp(v)).isNotNull());
        // booleans t/f and 0/1
        Set<String> bools = new HashSet<>(cells.stream().filter(c -> c.type().equals("boolean")).map(Cell::value)
                .toList());
        assertThat(bools).contains("t", "f", "0", "1").doesNotContain("true", "false");
        // integers and 4-digit decimals under "number", never "37499.0"
        List<String> numbers = cells.stream().filter(c -> c.type().equals("number")).map(Cell::value).toList();
        assertThat(numbers).anyMatch(v -> v.matches("\\d+")).anyMatch(v -> v.matches("\\d+\\.0000"))
                .anyMatch(v -> v.matches("\\d+\\.\\d{4}")).noneMatch(v -> v.matches("\\d+\\.0"));
        assertThat(cells).filteredOn(c -> c.table().equals("issues_issues") && c.column().equals("display_id"))
                .extracting(Cell::value).contains("1", "2", "25");
        // "" and an unquoted empty field in the same column
        Map<String, Set<String>> emptiesByColumn = new HashMap<>();
        cells.stream().filter(c -> c.value().isEmpty() || c.value().equals(CsvTestParser.QUOTED_EMPTY))
                .forEach(c -> emptiesByColumn.computeIfAbsent(c.table() + "." + c.column(), k -> new HashSet<>())
                        .add(c.value()));
        assertThat(emptiesByColumn.values()).anyMatch(s -> s.size() == 2);
        // JSON and HTML in cells, trailing spaces, non-ASCII, CRLF inside quoted text
        assertThat(values).anyMatch(v -> v.startsWith("{\"") && parses(v)).anyMatch(v -> v.startsWith("[\"")
                && parses(v)).anyMatch(v -> v.startsWith("<p>") && v.endsWith("</p>"))
                .anyMatch(v -> v.endsWith(" ") && !v.isBlank()).anyMatch(v -> v.chars().anyMatch(ch -> ch > 127))
                .anyMatch(v -> v.contains("\r\n")).anyMatch(v -> v.contains("\"")).anyMatch(v -> v.contains(","));
        assertThat(cells).filteredOn(c -> c.column().equals("phone") && c.value().startsWith("{"))
                .allSatisfy(c -> assertThat(JSON.readTree(c.value()).has("phoneType")).isTrue()).isNotEmpty();
        // names under *_display_name even where the docs say "string: UUID" or "number"
        assertThat(cells).filteredOn(c -> c.column().endsWith("display_name") && !c.type().equals("string")
                && !c.value().isEmpty() && !c.value().equals(CsvTestParser.QUOTED_EMPTY))
                .isNotEmpty().allSatisfy(c -> assertThat(c.value()).doesNotMatch(UUID_ANY).doesNotMatch("\\d+"));
        // references line up: project users belong to the account's projects
        Set<String> projects = new HashSet<>(cells.stream().filter(c -> c.table().equals("admin_projects")
                && c.column().equals("id")).map(Cell::value).toList());
        assertThat(cells).filteredOn(c -> c.column().equals("bim360_project_id")).extracting(Cell::value)
                .allSatisfy(v -> assertThat(projects).contains(v));
    }

    @Test
    void plainModeHasOneTimestampFormAndTrueFalse() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().trickyValues(false));
        List<Cell> cells = cells(sim.seedCompleteSuccessJob().id());
        assertThat(cells).filteredOn(c -> c.type().equals("timestamp: SQL") && !c.value().isEmpty())
                .allSatisfy(c -> assertThat(c.value()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC"));
        assertThat(cells).filteredOn(c -> c.type().equals("boolean")).extracting(Cell::value)
                .containsOnly("true", "false", "");
        assertThat(cells).extracting(Cell::value).noneMatch(v -> v.contains("\n") || v.endsWith(" ")
                || v.equals(CsvTestParser.QUOTED_EMPTY));
    }

    @Test
    void sameSeedSameContent() {
        startDefault();
        byte[] issues = sim.jobFileBytes(sim.seedCompleteSuccessJob().id(), "issues_issues.csv");
        try (DataConnectorSimulator other = DataConnectorSimulator.builder().clock(clock).instantJobs().build()
                .start()) {
            assertThat(other.jobFileBytes(other.seedCompleteSuccessJob().id(), "issues_issues.csv"))
                    .isEqualTo(issues);
        }
        try (DataConnectorSimulator other = DataConnectorSimulator.builder().clock(clock).seed(7).instantJobs()
                .build().start()) {
            assertThat(other.jobFileBytes(other.seedCompleteSuccessJob().id(), "issues_issues.csv"))
                    .isNotEqualTo(issues);
        }
    }

    private static boolean parses(String json) {
        try {
            JSON.readTree(json);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
