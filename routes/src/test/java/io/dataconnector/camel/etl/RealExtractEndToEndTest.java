package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.etl.extract.SchemaDocs;
import io.dataconnector.camel.etl.warehouse.ColumnType;
import io.dataconnector.camel.etl.warehouse.CsvTable;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import io.dataconnector.camel.simulator.ContentSource;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import io.dataconnector.camel.simulator.SimRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The ETL on extracts laid out like Autodesk's real ones (the simulator's default): types from the extract's own
 * schema documents, date windows merged, package files, a full ~300-table extract. Each warehouse's end-to-end test
 * class inherits these.
 */
abstract class RealExtractEndToEndTest extends EtlTestSupport {

    @Test
    void activityWindowsOfTwoDailyJobsAreMergedNotReplaced() throws Exception {
        extra.put("etl.include", "activities_admin_activities");
        Instant dayA = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
        SimJob a = windowJob(dayA);
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        long rowsA = csvRows(a, "activities_admin_activities.csv");
        assertThat(count("activities_admin_activities")).isEqualTo(rowsA).isPositive();

        SimJob b = windowJob(dayA.plus(Duration.ofDays(1)));
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        long rowsB = csvRows(b, "activities_admin_activities.csv");
        assertThat(count("activities_admin_activities")).as("window A kept, window B added").isEqualTo(rowsA + rowsB);
        assertThat(lastOutput).contains("window");

        Map<String, Object> history = query("SELECT mode, window_start, window_end FROM " + schema
                + ".dc_load_history WHERE job_id = '" + b.id() + "' AND file_name = 'activities_admin_activities.csv'")
                .get(0);
        assertThat(history.get("mode")).isEqualTo("window");
        LocalDateTime start = LocalDateTime.ofInstant(dayA.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
        assertThat(((java.sql.Timestamp) history.get("window_start")).toLocalDateTime()).isAfterOrEqualTo(start);
        assertThat(((java.sql.Timestamp) history.get("window_end")).toLocalDateTime()).isBefore(start.plusDays(1));

        int downloads = downloads();
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(downloads()).as("nothing downloaded again").isEqualTo(downloads);
        assertThat(count("activities_admin_activities")).isEqualTo(rowsA + rowsB);
    }

    @Test
    void metadataCsvIsRecordedWithTheJobAndIsNoTable() throws Exception {
        extra.put("etl.include", "admin_users");
        SimJob job = job(30);
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(tables()).contains("admin_users").doesNotContain("metadata");
        Map<String, Object> jobRow = query("SELECT extract_created_at, extract_region FROM " + schema
                + ".dc_load_history WHERE job_id = '" + job.id() + "' AND file_name = '*'").get(0);
        assertThat(jobRow.get("extract_region")).isEqualTo("US");
        assertThat(jobRow.get("extract_created_at")).isNotNull();
    }

    @Test
    void aCsvListedButMissingFromTheZipIsFetchedOnItsOwnAndAnUnfetchableOneNeverBlocksTheJob() throws Exception {
        extra.put("etl.include", "admin_users,admin_extra,admin_lost");
        SimJob job = job(30);
        Path extra = work.resolve("admin_extra.csv");
        Files.writeString(extra, "\uFEFFid,label\n11111111-1111-1111-1111-111111111111,x\n", StandardCharsets.UTF_8);
        Path lost = work.resolve("admin_lost.csv");
        Files.writeString(lost, "\uFEFFid\n1\n", StandardCharsets.UTF_8);
        // file content is listed but never packed into the ZIP
        sim.putJobFile(job.id(), "admin_extra.csv", ContentSource.ofFile(extra));
        sim.putJobFile(job.id(), "admin_lost.csv", ContentSource.ofFile(lost));
        sim.faults().enqueue(Fault.status(404).on("GET", ".*/data/admin_lost\\.csv").times(3));

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);

        assertThat(tables()).contains("admin_users", "admin_extra").doesNotContain("admin_lost");
        assertThat(query("SELECT label FROM " + schema + ".admin_extra").get(0).get("label")).isEqualTo("x");
        assertThat(query("SELECT status, error FROM " + schema + ".dc_load_history WHERE job_id = '" + job.id()
                + "' AND file_name = 'admin_lost.csv'").get(0)).containsEntry("status", "missing");
        assertThat(query("SELECT status FROM " + schema + ".dc_load_history WHERE job_id = '" + job.id()
                + "' AND file_name = '*'").get(0)).containsEntry("status", "success");
        assertThat(lastOutput).contains("admin_lost").contains("missing");
    }

    @Test
    void aFullExtractLoadsEveryTableWithItsDocumentedTypes() throws Exception {
        sim.setFullExtract(true);
        SimJob job = job(30);
        long started = System.nanoTime();
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        double seconds = (System.nanoTime() - started) / 1e9;

        SchemaDocs docs = docsOf(job);
        List<String> csvs = sim.jobFiles(job.id()).stream().map(f -> f.name())
                .filter(n -> n.endsWith(".csv") && !n.equals("metadata.csv")).toList();
        assertThat(csvs).hasSizeGreaterThan(250);
        Map<String, String> warnings = new LinkedHashMap<>();
        for (Map<String, Object> r : query("SELECT table_name, warnings FROM " + schema + ".dc_load_history "
                                           + "WHERE warnings IS NOT NULL")) {
            warnings.put((String) r.get("table_name"), (String) r.get("warnings"));
        }
        Map<String, Map<String, String>> actualTypes = new LinkedHashMap<>();
        for (Map<String, Object> r : query("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                           + "WHERE table_schema = '" + schema + "'")) {
            actualTypes.computeIfAbsent((String) r.get("table_name"), t -> new LinkedHashMap<>())
                    .put((String) r.get("column_name"), (String) r.get("data_type"));
        }
        int typed = 0;
        List<String> wrong = new ArrayList<>();
        for (String csv : csvs) {
            String table = csv.substring(0, csv.length() - 4);
            TableSchema documented = docs.forTable(table).orElseThrow(() -> new AssertionError(table + " undocumented"));
            Map<String, String> actual = actualTypes.getOrDefault(table, Map.of());
            for (TableSchema.Column col : documented.columns()) {
                ColumnType expected = col.type();
                ColumnType got = ColumnType.fromJdbcName(actual.get(col.name()));
                String widened = "column " + col.name() + " declared";
                if (got != expected && !(got == ColumnType.TEXT && warnings.getOrDefault(table, "").contains(widened))) {
                    wrong.add(table + "." + col.name() + ": documented " + expected + ", got " + got);
                }
                typed += expected != ColumnType.TEXT ? 1 : 0;
            }
        }
        assertThat(wrong).as("every documented type applied, or the column widened with a warning").isEmpty();
        assertThat(typed).isGreaterThan(500);
        List<Map<String, Object>> slowest = query("SELECT table_name, rows_loaded, finished_at - started_at AS took "
                + "FROM " + schema + ".dc_load_history WHERE file_name <> '*' ORDER BY finished_at - started_at DESC "
                + "LIMIT 5");
        System.out.printf("FULL-EXTRACT %s: %d tables, %d documented typed columns, whole run %.1f s; slowest %s%n",
                getClass().getSimpleName(), csvs.size(), typed, seconds, slowest);
    }

    /** A completed job of a new request for the activities group whose window is the UTC day starting at {@code day}. */
    private SimJob windowJob(Instant day) {
        SimRequest r = sim.createRequest(Map.of("description", "daily activities", "scheduleInterval", "ONE_TIME",
                "effectiveFrom", day.toString(), "serviceGroups", List.of("activities"),
                "startDate", day.toString(), "endDate", day.plus(Duration.ofDays(1)).toString()));
        List<SimJob> jobs = sim.jobsOf(r.id());
        SimJob j = jobs.isEmpty() ? sim.spawnJob(r.id()) : jobs.get(0);
        return sim.completeJobNow(j.id());
    }

    private long csvRows(SimJob job, String csv) throws Exception {
        long n = 0;
        try (CsvTable t = CsvTable.open(new ByteArrayInputStream(sim.jobFileBytes(job.id(), csv)), csv)) {
            for (CsvTable.Row ignored : t) {
                n++;
            }
        }
        return n;
    }

    private long count(String table) throws Exception {
        return ((Number) query("SELECT COUNT(*) AS n FROM " + schema + "." + table).get(0).get("n")).longValue();
    }

    /** The schema documents inside the job's ZIP, read with the ETL's own reader. */
    private SchemaDocs docsOf(SimJob job) throws Exception {
        SchemaDocs docs = new SchemaDocs();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                sim.jobFileBytes(job.id(), "autodesk_data_extract.zip")))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().startsWith("docs/schemas/") && e.getName().endsWith(".json")) {
                    docs.read(e.getName(), new ByteArrayInputStream(zip.readAllBytes()));
                }
            }
        }
        assertThat(docs.problems()).isEmpty();
        return docs;
    }
}
