package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExtractGenerator#writeLargeExtract} writes the real layout, streamed to disk. */
class LargeExtractTest {

    @TempDir
    Path dir;

    @Test
    void writesCsvsWithBomMetadataAndDocsInTheZip() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("issues_issues", 3_000L);
        rows.put("activities_admin_activities", 1_500L);
        rows.put("rfis_rfi_co_reviewers", 0L);
        Instant created = Instant.parse("2025-03-01T10:00:00Z");
        Map<String, Path> files = ExtractGenerator.writeLargeExtract(dir, rows, 42, true, true, "acc", created);
        assertThat(files.keySet()).containsExactly("README.html", "activities_admin_activities.csv",
                "autodesk_data_extract.zip", "issues_issues.csv", "metadata.csv", "rfis_rfi_co_reviewers.csv");
        Map<String, byte[]> zip = DownloadTest.unzip(Files.readAllBytes(files.get(ExtractGenerator.ZIP)));
        assertThat(zip.keySet()).containsExactlyInAnyOrder("issues_issues.csv", "activities_admin_activities.csv",
                "rfis_rfi_co_reviewers.csv", "metadata.csv", "docs/README.html", "docs/schemas/issues.html",
                "docs/schemas/issues.json", "docs/schemas/activities.html", "docs/schemas/activities.json",
                "docs/schemas/rfis.html", "docs/schemas/rfis.json");
        assertThat(zip.get("issues_issues.csv")).isEqualTo(Files.readAllBytes(files.get("issues_issues.csv")));
        assertThat(new String(zip.get("issues_issues.csv"), StandardCharsets.UTF_8)).startsWith("\uFEFFid,");
        assertThat(ExtractFixtures.rows(zip.get("issues_issues.csv"))).hasSize(3_001);
        assertThat(ExtractFixtures.rows(zip.get("rfis_rfi_co_reviewers.csv"))).hasSize(1);
        assertThat(ExtractFixtures.rows(zip.get("metadata.csv")).get(1)).containsExactly("2025-03-01 10:00:00.000 UTC",
                "US");
        assertThat(SimTestSupport.JSON.readTree(zip.get("docs/schemas/issues.json")).get("issues").size())
                .isEqualTo(35);
        // activities hold the day before
        var table = ExtractFixtures.rows(zip.get("activities_admin_activities.csv"));
        int at = table.get(0).indexOf("created_at");
        assertThat(table.subList(1, table.size())).allSatisfy(r -> assertThat(ExtractFixtures.parseTimestamp(
                r.get(at))).isBetween(Instant.parse("2025-02-28T00:00:00Z"), Instant.parse("2025-02-28T23:59:59Z")));
    }

    @Test
    void unknownTableIsNamed() {
        assertThatThrownBy(() -> ExtractGenerator.writeLargeExtract(dir, Map.of("admin_nope", 1L), 1, true, true,
                "acc", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin_nope");
    }
}
