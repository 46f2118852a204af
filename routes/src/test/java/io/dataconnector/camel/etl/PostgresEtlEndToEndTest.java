package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.Operation;
import io.dataconnector.camel.simulator.SimJob;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole ETL (Camel Main app, --once) against the simulator and a real PostgreSQL. */
class PostgresEtlEndToEndTest extends RealExtractEndToEndTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    String warehouseUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    @Override
    String warehouseUser() {
        return "postgres";
    }

    @Override
    String warehousePassword() {
        return "postgres";
    }

    static final String TRICKY = "\uFEFFid,name,note,active,created_at,amount,status\n"
            + "11111111-1111-1111-1111-111111111111,\"Smith, \"\"Jo\"\"\",\"line1\nline2\",t,2024-01-02 03:04:05.678 UTC,12.50,active\n"
            + "22222222-2222-2222-2222-222222222222,Zoë Müller 日本,,f,2024-01-02 03:04:05,,inactive\n"
            + "33333333-3333-3333-3333-333333333333,\"\",\"a\r\nb, c\",true,2024-01-02 23:59:59.000 UTC,-3,\n";

    @Test
    void continuousModePollsOnTheQuartzCronAndLoadsEachJobOnce() throws Exception {
        assertContinuousModeLoadsEachJobOnce();
    }

    @Test
    void trickyCsvLandsCellByCellWithSchemaTypes() throws Exception {
        SimJob job = job(30);
        sim.putJobTable(job.id(), "admin_users", TRICKY, columns("id", "string: UUID", "name", "string", "note",
                "string", "active", "boolean", "created_at", "timestamp: SQL", "amount", "number", "status",
                "enum: string"));

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);

        assertThat(columnTypes("admin_users")).containsExactly(Map.entry("id", "uuid"), Map.entry("name", "text"),
                Map.entry("note", "text"), Map.entry("active", "bool"), Map.entry("created_at", "timestamp"),
                Map.entry("amount", "numeric"), Map.entry("status", "text"));
        List<Map<String, Object>> rows = query("SELECT * FROM " + schema + ".admin_users ORDER BY id");
        assertThat(rows).hasSize(3);
        Map<String, Object> a = rows.get(0);
        assertThat(a.get("id")).hasToString("11111111-1111-1111-1111-111111111111");
        assertThat(a.get("name")).isEqualTo("Smith, \"Jo\"");
        assertThat(a.get("note")).isEqualTo("line1\nline2");
        assertThat(a.get("active")).isEqualTo(true);
        assertThat(((Timestamp) a.get("created_at")).toLocalDateTime()).isEqualTo("2024-01-02T03:04:05.678");
        assertThat((BigDecimal) a.get("amount")).isEqualByComparingTo("12.50");
        assertThat(a.get("status")).isEqualTo("active");
        Map<String, Object> b = rows.get(1);
        assertThat(b.get("name")).isEqualTo("Zoë Müller 日本");
        assertThat(b.get("note")).isNull();
        assertThat(b.get("active")).isEqualTo(false);
        assertThat(((Timestamp) b.get("created_at")).toLocalDateTime()).isEqualTo("2024-01-02T03:04:05");
        assertThat(b.get("amount")).isNull();
        Map<String, Object> c = rows.get(2);
        assertThat(c.get("name")).isEqualTo("");
        assertThat(c.get("note")).isEqualTo("a\r\nb, c");
        assertThat(c.get("active")).isEqualTo(true);
        assertThat(((Timestamp) c.get("created_at")).toLocalDateTime()).isEqualTo(LocalDateTime.parse(
                "2024-01-02T23:59:59"));
        assertThat(c.get("status")).isNull();

        // the other tables of the extract, typed from their schema JSON
        assertThat(tables()).contains("admin_projects", "admin_companies", "issues_issues", "rfis_rfis",
                "dc_load_history");
        assertThat(columnTypes("issues_issues")).containsEntry("id", "uuid").containsEntry("display_id", "numeric")
                .containsEntry("published", "bool").containsEntry("created_at", "timestamp");
        assertThat(lastOutput).contains("admin_users").contains("loaded");
    }

    @Test
    void schemaDriftAcrossJobsOldestFirstEndsAtTheNewestSnapshot() throws Exception {
        SimJob older = job(120);
        SimJob newer = job(60);
        sim.putJobTable(older.id(), "custom_drift", "id,name,old_col\n1,first,o1\n2,second,o2\n",
                columns("id", "number", "name", "string", "old_col", "string"));
        sim.putJobTable(newer.id(), "custom_drift", "id,name,new_col\n3,third,t\n",
                columns("id", "number", "name", "string", "new_col", "boolean"));
        extra.put("etl.include", "custom_*");

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);

        assertThat(columnTypes("custom_drift")).containsExactly(Map.entry("id", "numeric"), Map.entry("name", "text"),
                Map.entry("old_col", "text"), Map.entry("new_col", "bool"));
        List<Map<String, Object>> rows = query("SELECT * FROM " + schema + ".custom_drift ORDER BY id");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name")).isEqualTo("third");
        assertThat(rows.get(0).get("old_col")).isNull();
        assertThat(rows.get(0).get("new_col")).isEqualTo(true);
        // both jobs went through, older first
        List<Map<String, Object>> history = query("SELECT job_id, status FROM " + schema + ".dc_load_history "
                                                  + "WHERE file_name = 'custom_drift.csv' ORDER BY finished_at");
        assertThat(history).extracting(m -> m.get("job_id")).containsExactly(older.id(), newer.id());
        assertThat(tables()).doesNotContain("admin_users");
    }

    @Test
    void aJobIsLoadedExactlyOnceAcrossRestarts() throws Exception {
        job(30);
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        int downloads = downloads();
        int fileListings = sim.recordedRequests(Operation.LIST_JOB_FILES).size();
        assertThat(downloads).isEqualTo(1); // the ZIP, once
        List<Map<String, Object>> before = query("SELECT file_name, attempts, finished_at FROM " + schema
                                                 + ".dc_load_history ORDER BY file_name");

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0); // a new application instance: a restart

        assertThat(downloads()).isEqualTo(downloads);
        assertThat(sim.recordedRequests(Operation.LIST_JOB_FILES)).hasSize(fileListings); // job marked done
        assertThat(query("SELECT file_name, attempts, finished_at FROM " + schema + ".dc_load_history "
                         + "ORDER BY file_name")).isEqualTo(before);
        assertThat(lastOutput).contains("0 table(s) loaded");
        assertThat(query("SELECT COUNT(*) AS n FROM " + schema + ".admin_users").get(0).get("n")).isEqualTo(20L);
    }

    @Test
    void aFailureMidTableKeepsThePreviousSnapshotOtherTablesContinueAndExitIsNonZero() throws Exception {
        job(120);
        extra.put("etl.include", "admin_users,admin_projects");
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        List<Map<String, Object>> snapshot = query("SELECT * FROM " + schema + ".admin_users ORDER BY id");
        assertThat(snapshot).hasSize(20);

        SimJob second = job(60);
        StringBuilder csv = new StringBuilder("id,account_id,email,is_admin\n");
        for (int i = 0; i < 500; i++) {
            csv.append(String.format("%08d-0000-4000-8000-000000000000,", i)).append(sim.accountId())
                    .append(",u").append(i).append("@example.com,").append(i == 250 ? "f,surplus" : "f").append('\n');
        }
        sim.putJobTable(second.id(), "admin_users", csv.toString(), columns("id", "string: UUID", "account_id",
                "string: UUID", "email", "string", "is_admin", "boolean"));

        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);

        assertThat(query("SELECT * FROM " + schema + ".admin_users ORDER BY id")).isEqualTo(snapshot);
        Map<String, Object> failure = query("SELECT status, error FROM " + schema + ".dc_load_history WHERE job_id = '"
                                            + second.id() + "' AND file_name = 'admin_users.csv'").get(0);
        assertThat(failure.get("status")).isEqualTo("failed");
        assertThat((String) failure.get("error")).contains("admin_users.csv").contains("line 252");
        assertThat(query("SELECT status FROM " + schema + ".dc_load_history WHERE job_id = '" + second.id()
                         + "' AND file_name = 'admin_projects.csv'").get(0).get("status")).isEqualTo("success");
        assertThat(lastOutput).contains("failed").contains("line 252");
        assertThat(tables()).noneMatch(t -> t.startsWith("_stage_"));
    }

    @Test
    void includeAndExcludePatternsAreHonoured() throws Exception {
        job(30);
        extra.put("etl.include", "admin_project*, rfis_rfi*");
        extra.put("etl.exclude", "rfis_rfi_*");
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(tables()).containsExactlyInAnyOrder("admin_projects", "admin_project_companies",
                "admin_project_users", "rfis_rfis", "dc_load_history",
                "dc_job_claims"); // run-once claims jobs like the continuous mode
    }

    @Test
    void anExpiredSignedUrlIsRequestedOnceMore() throws Exception {
        job(30);
        extra.put("etl.include", "admin_users");
        sim.faults().enqueue(Fault.expiredSignedUrl());
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(sim.recordedRequests(Operation.GET_JOB_FILE_URL)).hasSize(2);
        assertThat(query("SELECT COUNT(*) AS n FROM " + schema + ".admin_users").get(0).get("n")).isEqualTo(20L);
    }

    @Test
    void aTruncatedDownloadFailsTheJobAndTheNextRunLoadsIt() throws Exception {
        job(30);
        extra.put("etl.include", "admin_users");
        sim.faults().enqueue(Fault.truncatedDownload(100));
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(tables()).doesNotContain("admin_users");
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(tables()).contains("admin_users");
    }

    @Test
    void aCorruptZipAndAHostileEntryNameAreRefused() throws Exception {
        SimJob hostile = job(30);
        extra.put("etl.include", "admin_users");
        sim.putZipEntry(hostile.id(), "../../evil.csv", "id\n1\n".getBytes());
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(lastOutput).contains("Unsafe ZIP entry name", "refused");
        // only the hostile entry is refused: the other tables load
        assertThat(tables()).containsExactlyInAnyOrder("admin_users", "dc_load_history", "dc_job_claims");
        assertThat(query("SELECT status FROM " + schema + ".dc_load_history WHERE job_id = '" + hostile.id()
                         + "' AND file_name = '../../evil.csv'").get(0).get("status")).isEqualTo("refused");
        assertThat(runApp("--once")).as("refused once, job done").isZero();

        sim.cancelJob(hostile.id());
        job(20);
        extra.put("etl.include", "admin_users");
        sim.faults().enqueue(Fault.corruptZipCrc());
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(1);
        assertThat(lastOutput).containsIgnoringCase("CRC");
    }

    @Test
    void zipEntriesAreStreamedIntoTheLoadWithNoTempFileButTheZip() throws Exception {
        SimJob j = job(30);
        // every file created in the job's work directory during the run (inotify: none is missed, however short-lived)
        java.nio.file.Path jobDir = work.resolve("work").resolve(j.id());
        java.nio.file.Files.createDirectories(jobDir);
        List<String> created = new java.util.ArrayList<>();
        try (java.nio.file.WatchService watcher = jobDir.getFileSystem().newWatchService()) {
            java.nio.file.WatchKey key = jobDir.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
            for (java.nio.file.WatchEvent<?> event : key.pollEvents()) {
                assertThat(event.kind()).isNotEqualTo(java.nio.file.StandardWatchEventKinds.OVERFLOW);
                created.add(String.valueOf(event.context()));
            }
        }
        assertThat(tables()).contains("admin_users", "issues_issues", "activities_admin_activities");
        assertThat(created).as("files created in the work directory").containsExactly(
                "download-autodesk_data_extract.zip");
        assertThat(jobDir).doesNotExist();
    }

    @Test
    void fetchingFilesOneByOneLoadsTheSame() throws Exception {
        job(30);
        extra.put("etl.fetch", "files");
        extra.put("etl.include", "admin_users,issues_issues");
        assertThat(runApp("--once")).as(lastOutput).isEqualTo(0);
        assertThat(tables()).contains("admin_users", "issues_issues");
        assertThat(columnTypes("issues_issues")).containsEntry("published", "bool");
        // the data listing holds no schema documents (they ship inside the ZIP only): two CSVs, types inferred
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void aConfigurationErrorExitsWithTwo() {
        extra.put("warehouse.schema", "not a valid name");
        assertThat(runApp("--once")).isEqualTo(2);
        assertThat(runApp("--bogus")).isEqualTo(2);
    }
}
