package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routes module's {@link EtlTestSupport} (simulator + in-process app, run like a restart each time) on one real
 * PostgreSQL shared by the whole suite, plus what the reliability scenarios assert with: per-table snapshots (row
 * count + order-independent checksum), load-history rows, leftover staging tables and temp files.
 */
@ExtendWith(ScenarioReport.class)
abstract class ReliabilityTestBase extends EtlTestSupport {

    private static EmbeddedPostgres pg;

    /** Row count and md5 of the rows' text sorted: equal iff the table holds the same rows (as a multiset). */
    record Snapshot(long rows, String md5) {
        @Override
        public String toString() {
            return rows + " rows/" + (md5.length() > 8 ? md5.substring(0, 8) : md5);
        }
    }

    static synchronized EmbeddedPostgres postgres() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return pg;
    }

    @Override
    String warehouseUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    @Override
    String warehouseUser() {
        return "postgres";
    }

    @Override
    String warehousePassword() {
        return "postgres";
    }

    /** Every data table of the schema (not the history, not staging tables) with its snapshot. */
    Map<String, Snapshot> snapshot() throws SQLException {
        return snapshot(schema);
    }

    Map<String, Snapshot> snapshot(String inSchema) throws SQLException {
        Map<String, Snapshot> out = new TreeMap<>();
        for (Map<String, Object> t : query("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                                           + inSchema + "' AND table_name NOT IN ('dc_load_history', '"
                                           + JobClaims.TABLE + "') "
                                           + "AND table_name NOT LIKE '\\_stage\\_%'")) {
            String name = (String) t.get("table_name");
            Map<String, Object> r = query("SELECT COUNT(*) AS n, COALESCE(md5(string_agg(x::text, E'\\n' ORDER BY "
                                          + "x::text)), '') AS h FROM " + inSchema + "." + name + " x").get(0);
            out.put(name, new Snapshot(((Number) r.get("n")).longValue(), (String) r.get("h")));
        }
        return out;
    }

    /** The history rows of a job: file name → status, attempts, error. */
    Map<String, Map<String, Object>> history(String jobId) throws SQLException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT file_name, status, attempts, rows_loaded, error FROM " + schema
                                           + ".dc_load_history WHERE job_id = '" + jobId + "'")) {
            out.put((String) r.get("file_name"), r);
        }
        return out;
    }

    /** The status of one history row (job, file), or null. */
    String status(String jobId, String fileName) throws SQLException {
        Map<String, Object> row = history(jobId).get(fileName);
        return row == null ? null : (String) row.get("status");
    }

    /** The claims on a job (owner, lease_until) in the continuous mode's claims table; empty when none or no table. */
    List<Map<String, Object>> claims(String jobId) throws SQLException {
        if (!tables().contains(JobClaims.TABLE)) {
            return List.of();
        }
        return query("SELECT owner, lease_until FROM " + schema + "." + JobClaims.TABLE + " WHERE job_id = '" + jobId
                     + "'");
    }

    List<String> stagingTables() throws SQLException {
        return tables().stream().filter(t -> t.startsWith("_stage_")).toList();
    }

    /** Regular files left under the ETL's work directory. */
    List<Path> leftoverFiles() {
        Path dir = work.resolve("work");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertNoLeftovers() throws SQLException {
        assertThat(stagingTables()).as("staging tables left").isEmpty();
        assertThat(leftoverFiles()).as("temp files left").isEmpty();
    }

    static void evidence(String format, Object... args) {
        ScenarioReport.evidence(format, args);
    }
}
