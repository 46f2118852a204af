package io.dataconnector.camel.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableCatalogueTest {

    private static final Set<String> TYPES = Set.of("string: UUID", "string", "timestamp: SQL", "number", "boolean",
            "enum: string", "string: null", "date: string");

    @Test
    void representativeTablesUseAutodesksNamesAndTypeVocabulary() {
        List<TableDefinition> tables = TableCatalogue.representative();
        assertThat(tables).hasSizeBetween(40, 60);
        assertThat(tables).extracting(TableDefinition::name).contains("admin_users", "admin_projects",
                "admin_companies", "issues_issues", "rfis_rfis", "cost_budgets", "checklists_checklists",
                "locations_nodes", "submittals_items", "activities_admin_activities", "activities_cost_activities",
                "cdccost_approval_workflows");
        assertThat(tables).flatExtracting(TableDefinition::columns).extracting(SchemaColumn::type)
                .allSatisfy(t -> assertThat(TYPES).contains(t));
        assertThat(tables).filteredOn(TableDefinition::headerOnly).extracting(TableDefinition::name)
                .containsExactly("rfis_rfi_co_reviewers");
        assertThat(TableCatalogue.byName("admin_projects").orElseThrow().columns()).hasSize(30);
        assertThat(TableCatalogue.byName("issues_issues").orElseThrow().columns()).hasSize(35);
        TableDefinition a = TableCatalogue.byName("activities_admin_activities").orElseThrow();
        assertThat(a.docName()).isEqualTo("admin_activities");
        assertThat(a.serviceGroup()).isEqualTo("activities");
        assertThat(a.dateRange()).isTrue();
        assertThat(TableCatalogue.byName("cost_budgets").orElseThrow().dateRange()).isFalse();
    }

    @Test
    void aBadCatalogueLineIsNamed() {
        assertThatThrownBy(() -> TableCatalogue.parse("admin", "table users | Users\nid | string: UUID\n",
                "catalogue/admin.txt")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("catalogue/admin.txt line 2").hasMessageContaining("id | string: UUID");
        assertThat(TableCatalogue.parse("x", "# c\ntable t | d | header-only\na | number | | n\n", "s"))
                .singleElement().satisfies(t -> {
                    assertThat(t.name()).isEqualTo("x_t");
                    assertThat(t.headerOnly()).isTrue();
                    assertThat(t.columns()).containsExactly(new SchemaColumn("a", "number", true, "n", ""));
                });
    }
}
