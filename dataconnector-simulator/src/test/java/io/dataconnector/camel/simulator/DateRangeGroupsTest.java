package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jobs of date-range groups (activities, cdc*) hold only their window; snapshot groups the full state. */
class DateRangeGroupsTest extends SimTestSupport {

    private static final String ACTIVITIES_BODY = "{\"description\":\"a\",\"scheduleInterval\":\"ONE_TIME\","
            + "\"effectiveFrom\":\"2020-11-06T19:09:40.106Z\",\"serviceGroups\":[\"activities\",\"cdccost\"]%s}";

    /** The values of one column of a job's CSV, parsed as extract timestamps (empty cells skipped). */
    private List<Instant> times(String jobId, String csv, String column) {
        List<List<String>> rows = ExtractFixtures.rows(sim.jobFileBytes(jobId, csv));
        int i = rows.get(0).indexOf(column);
        assertThat(i).as(csv + " has " + column).isNotNegative();
        List<Instant> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (!r.get(i).isEmpty()) {
                out.add(ExtractFixtures.parseTimestamp(r.get(i)));
            }
        }
        return out;
    }

    private List<Instant> activityTimes(String jobId) {
        List<Instant> all = new ArrayList<>();
        for (ExtractFileInfo f : sim.jobFiles(jobId)) {
            if (f.name().startsWith("activities_")) {
                all.addAll(times(jobId, f.name(), "created_at"));
            }
        }
        return all;
    }

    @Test
    void twoDailyJobsHoldDisjointWindowsOfTheDayBefore() {
        startDefault();
        String reqId = json(api("POST", "/requests", String.format(ACTIVITIES_BODY, ""))).get("id").asText();
        String first = sim.jobsOf(reqId).get(0).id();
        clock.advance(Duration.ofDays(1));
        String second = sim.spawnJob(reqId).id();

        List<Instant> a = activityTimes(first);
        List<Instant> b = activityTimes(second);
        assertThat(a).hasSizeGreaterThan(100).allSatisfy(t -> assertThat(t)
                .isBetween(ExtractFixtures.iso("2025-02-28T00:00:00Z"), ExtractFixtures.iso("2025-02-28T23:59:59.999999Z")));
        assertThat(b).hasSizeGreaterThan(100).allSatisfy(t -> assertThat(t)
                .isBetween(ExtractFixtures.iso("2025-03-01T00:00:00Z"), ExtractFixtures.iso("2025-03-01T23:59:59.999999Z")));
        assertThat(a).doesNotContainAnyElementsOf(b);
        // cdc tables: rows changed in the window
        assertThat(times(second, "cdccost_approval_workflows.csv", "updated_at")).isNotEmpty().allSatisfy(t ->
                assertThat(t).isBetween(ExtractFixtures.iso("2025-03-01T00:00:00Z"),
                        ExtractFixtures.iso("2025-03-01T23:59:59.999999Z")));
    }

    @Test
    void startAndEndDateOfTheRequestSetTheWindow() {
        startDefault();
        String reqId = json(api("POST", "/requests", String.format(ACTIVITIES_BODY,
                ",\"startDate\":\"2025-02-10T06:00:00.000Z\",\"endDate\":\"2025-02-12T18:00:00.000Z\"")))
                .get("id").asText();
        assertThat(sim.request(reqId).orElseThrow().startDate()).isEqualTo("2025-02-10T06:00:00.000Z");
        String job = sim.jobsOf(reqId).get(0).id();
        assertThat(activityTimes(job)).hasSizeGreaterThan(100).allSatisfy(t -> assertThat(t).isBetween(
                ExtractFixtures.iso("2025-02-10T06:00:00Z"), ExtractFixtures.iso("2025-02-12T17:59:59.999999Z")));
        assertThat(times(job, "cdccost_budget_code_segments.csv", "created_at")).allSatisfy(t -> assertThat(t)
                .isBetween(ExtractFixtures.iso("2025-02-10T06:00:00Z"), ExtractFixtures.iso("2025-02-12T18:00:00Z")));
    }

    @Test
    void snapshotTablesAreNotCutToTheWindow() {
        startDefault();
        SimJob job = sim.seedCompleteSuccessJob();
        Instant windowStart = ExtractFixtures.iso("2025-02-28T00:00:00Z");
        assertThat(times(job.id(), "issues_issues.csv", "created_at")).anyMatch(t -> t.isBefore(windowStart))
                .allMatch(t -> t.isBefore(job.completedAt()));
    }

    @Test
    void windowRules() {
        Instant created = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(DateWindow.of(null, null, created)).isEqualTo(new DateWindow(
                Instant.parse("2025-02-28T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z")));
        assertThat(DateWindow.of("2025-01-05T13:00:00Z", null, created)).isEqualTo(new DateWindow(
                Instant.parse("2025-01-05T00:00:00Z"), Instant.parse("2025-01-06T00:00:00Z")));
        assertThat(DateWindow.of(null, "2025-01-07T01:00:00+02:00", created).start())
                .isEqualTo(Instant.parse("2025-01-06T00:00:00Z"));
        assertThat(DateWindow.of("2025-01-05T00:00:00.250Z", "2025-01-06T00:00:00Z", created).start())
                .isEqualTo(Instant.parse("2025-01-05T00:00:01Z"));
        assertThatThrownBy(() -> DateWindow.of("yesterday", null, created))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startDate")
                .hasMessageContaining("yesterday");
    }
}
