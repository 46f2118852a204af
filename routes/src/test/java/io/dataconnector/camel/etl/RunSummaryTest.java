package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.etl.warehouse.LoadMode;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run summary's table: a rows/s column for loaded tables. */
class RunSummaryTest {

    @Test
    void eachLoadedTableShowsItsRowsPerSecond() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        RunSummary summary = new RunSummary();
        summary.add(new LoadResult("job-1", "req-1", "admin_users.csv", "admin_users", LoadResult.Status.LOADED,
                50_000, 1_000_000, t0, t0.plusSeconds(4), null, LoadMode.SNAPSHOT, null, null, List.of()));
        summary.add(new LoadResult("job-1", "req-1", "issues_issues.csv", "issues_issues", LoadResult.Status.FAILED, 0,
                10, t0, t0.plusSeconds(1), "boom"));

        String[] lines = summary.format().split("\\R");

        assertThat(lines[0]).contains("ROWS/S");
        int col = lines[0].indexOf("ROWS/S") + "ROWS/S".length();
        assertThat(lines[1]).contains("admin_users");
        assertThat(lines[1].substring(0, col).strip()).endsWith(" 12500");
        assertThat(lines[2]).contains("issues_issues");
        assertThat(lines[2].substring(0, col).strip()).endsWith("1.00"); // a failed load has no rate
    }

    @Test
    void aLongTableNameKeepsTheColumnsAligned() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        RunSummary summary = new RunSummary();
        summary.add(new LoadResult("job-1", "req-1", "a.csv", "admin_users", LoadResult.Status.LOADED, 10, 100, t0,
                t0.plusSeconds(1), null, LoadMode.SNAPSHOT, null, null, List.of()));
        summary.add(new LoadResult("job-1", "req-1", "b.csv", "activities_cost_activities_with_a_very_long_name",
                LoadResult.Status.LOADED, 20, 200, t0, t0.plusSeconds(1), null, LoadMode.SNAPSHOT, null, null,
                List.of()));

        String[] lines = summary.format().split("\\R");

        int rowsEnd = lines[0].indexOf("ROWS") + "ROWS".length();
        assertThat(lines[1].substring(0, rowsEnd)).endsWith(" 10");
        assertThat(lines[2].substring(0, rowsEnd)).endsWith(" 20");
    }
}
