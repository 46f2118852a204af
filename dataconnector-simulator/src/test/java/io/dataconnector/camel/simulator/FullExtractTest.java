package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Full mode: about 300 tables with real-looking names, mixed widths, small row counts. */
class FullExtractTest extends SimTestSupport {

    @Test
    void fullCatalogueHasAbout300TablesOfMixedWidth() {
        List<TableDefinition> full = TableCatalogue.full();
        assertThat(full).hasSizeBetween(280, 320);
        assertThat(full.stream().map(TableDefinition::name).distinct().count()).isEqualTo(full.size());
        assertThat(full).containsAll(TableCatalogue.representative());
        assertThat(full).allSatisfy(t -> {
            assertThat(t.name()).matches("[a-z0-9]+_[a-z0-9_]+").hasSizeLessThanOrEqualTo(60);
            assertThat(t.columns().stream().map(SchemaColumn::name).distinct().count())
                    .as(t.name()).isEqualTo(t.columns().size());
        });
        assertThat(full).filteredOn(t -> t.columns().size() >= 100).hasSizeBetween(2, 10);
        assertThat(full).filteredOn(t -> t.columns().size() <= 10).hasSizeGreaterThan(50);
        assertThat(full).filteredOn(t -> t.serviceGroup().equals("activities")).hasSizeBetween(27, 46);
        assertThat(full).filteredOn(t -> t.serviceGroup().startsWith("cdc")).allSatisfy(t ->
                assertThat(t.columns()).extracting(SchemaColumn::name).contains("adsk_row_id", "deleted_at"));
        // a cdc table of a documented snapshot table has the snapshot's columns first
        TableDefinition cdcUsers = TableCatalogue.byName("cdcadmin_users").orElseThrow();
        assertThat(cdcUsers.columns().subList(0, 26)).isEqualTo(TableCatalogue.byName("admin_users").orElseThrow()
                .columns());
        assertThat(ExtractGenerator.tablesFor(List.of("all"), true)).isEqualTo(full);
        assertThat(ExtractGenerator.tablesFor(List.of("forms"), true)).hasSizeGreaterThan(3);
    }

    @Test
    void aFullExtractOverHttp() throws Exception {
        start(DataConnectorSimulator.builder().instantJobs().fullExtract(true));
        SimJob job = sim.seedCompleteSuccessJob();
        Map<String, byte[]> zip = DownloadTest.unzip(download(signedUrl(job.id(), ExtractGenerator.ZIP)).body());
        Map<String, byte[]> csvs = ExtractFixtures.csvs(zip);
        assertThat(csvs).hasSizeBetween(280, 320);
        Set<String> groups = new HashSet<>();
        Set<String> representative = new HashSet<>();
        TableCatalogue.representative().forEach(t -> representative.add(t.csvName()));
        csvs.forEach((name, bytes) -> {
            groups.add(name.substring(0, name.indexOf('_')));
            int rows = ExtractFixtures.rows(bytes).size() - 1;
            if (!representative.contains(name)) {
                assertThat(rows).as(name).isBetween(1, ExtractGenerator.FULL_EXTRA_ROWS);
            }
        });
        assertThat(groups).hasSizeGreaterThan(20).allSatisfy(g -> assertThat(zip)
                .containsKeys("docs/schemas/" + g + ".html", "docs/schemas/" + g + ".json"));
        assertThat(JSON.readTree(zip.get("docs/schemas/activities.json")).get("submittals_activities").size())
                .isEqualTo(187);
        sim.setFullExtract(false);
        assertThat(sim.jobFiles(job.id()).size()).isLessThan(80);
    }
}
