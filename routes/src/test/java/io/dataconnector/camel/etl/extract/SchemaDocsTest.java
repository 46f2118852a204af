package io.dataconnector.camel.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataconnector.camel.etl.warehouse.ColumnType;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every schema document shape seen in the wild maps {@code <group>_<table>.csv} to its documented column types. */
class SchemaDocsTest {

    /** Fake content in the structure of Autodesk's public schema pages (one group, two tables). */
    static final String HTML = """
            <!DOCTYPE html><html><body>
            <h1>locations Schema Description</h1>
            <ul><li><a href="#nodes">nodes</a></li><li><a href="#trees">trees</a></li></ul>
            <h2 id="nodes">nodes</h2><p>Nodes of a tree.</p>
            <table><tr><th>ordinal_position</th><th>column_name</th><th>data_type</th><th>constraints</th><th>notes</th></tr>
            <tr><td>1</td><td>tree_id</td><td>string: UUID</td><td></td><td>The tree</td></tr>
            <tr><td>2</td><td>id</td><td>string: UUID</td><td>Primary Key</td><td>Node id</td></tr>
            <tr><td>3</td><td>order</td><td>number</td><td></td><td>Relative order</td></tr>
            <tr><td>4</td><td>created_at</td><td>timestamp: SQL</td><td></td><td>Creation</td></tr>
            </table>
            <div><h2 id="trees">trees</h2>
            <table><thead><tr><th>ordinal_position</th><th>column_name</th><th>data_type</th><th>constraints</th><th>notes</th></tr></thead>
            <tbody><tr><td>1</td><td>id</td><td>string: UUID</td><td></td><td></td></tr>
            <tr><td>2</td><td>is_default</td><td>boolean</td><td></td><td></td></tr>
            <tr><td>3</td><td>start_on</td><td>date: string</td><td></td><td></td></tr>
            <tr><td>4</td><td>legacy</td><td>string: null</td><td></td><td></td></tr></tbody></table></div>
            </body></html>
            """;

    private static SchemaDocs read(String entry, String content) {
        SchemaDocs docs = new SchemaDocs();
        docs.read(entry, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return docs;
    }

    @Test
    void htmlGroupPage() {
        SchemaDocs docs = read("docs/schemas/locations.html", HTML);
        assertThat(docs.problems()).isEmpty();
        TableSchema nodes = docs.forTable("locations_nodes").orElseThrow();
        assertThat(nodes.typeOf("tree_id")).isEqualTo(ColumnType.UUID);
        assertThat(nodes.typeOf("order")).isEqualTo(ColumnType.NUMBER);
        assertThat(nodes.typeOf("created_at")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(nodes.declaredTypeOf("created_at")).isEqualTo("timestamp: SQL");
        assertThat(nodes.documentedKey()).containsExactly("id");
        TableSchema trees = docs.forTable("locations_trees").orElseThrow();
        assertThat(trees.typeOf("is_default")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(trees.typeOf("start_on")).isEqualTo(ColumnType.DATE);
        assertThat(trees.typeOf("legacy")).isEqualTo(ColumnType.TEXT);
        assertThat(docs.forTable("locations_other")).isEmpty();
    }

    @Test
    void jsonGroupToTablesToColumnObjects() {
        SchemaDocs docs = read("schemas/admin.json", "{\"users\":{\"id\":{\"ordinal_position\":1,"
                + "\"data_type\":\"string: UUID\"},\"created_at\":{\"ordinal_position\":2,"
                + "\"data_type\":\"timestamp: SQL\"}}}");
        TableSchema users = docs.forTable("admin_users").orElseThrow();
        assertThat(users.columns()).extracting(TableSchema.Column::name).containsExactly("id", "created_at");
        assertThat(users.typeOf("id")).isEqualTo(ColumnType.UUID);
        assertThat(users.typeOf("created_at")).isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void jsonTableToColumnArrayAndWrappedTables() {
        SchemaDocs arrays = read("docs/schemas/issues.json", "{\"issues\":[{\"column_name\":\"id\","
                + "\"data_type\":\"string: UUID\"},{\"column_name\":\"display_id\",\"data_type\":\"number\"}]}");
        assertThat(arrays.forTable("issues_issues").orElseThrow().typeOf("display_id")).isEqualTo(ColumnType.NUMBER);

        SchemaDocs wrapped = read("docs/schemas/rfis.json", "{\"name\":\"rfis\",\"tables\":[{\"name\":\"rfis\","
                + "\"columns\":[{\"name\":\"due_date\",\"type\":\"timestamp: SQL\"}]}]}");
        assertThat(wrapped.forTable("rfis_rfis").orElseThrow().typeOf("due_date")).isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void tablesNamedLikeWrappersAreTables() {
        SchemaDocs docs = read("docs/schemas/meetingminutes.json", "{\"items\":{\"id\":{\"data_type\":\"string: UUID\"}},"
                + "\"data\":[{\"column_name\":\"value\",\"data_type\":\"number\"}]}");
        assertThat(docs.forTable("meetingminutes_items").orElseThrow().typeOf("id")).isEqualTo(ColumnType.UUID);
        assertThat(docs.forTable("meetingminutes_data").orElseThrow().typeOf("value")).isEqualTo(ColumnType.NUMBER);
    }

    @Test
    void oneSchemaJsonForEveryGroup() {
        SchemaDocs docs = read("schemas/schema.json", "{\"admin\":{\"users\":{\"id\":{\"data_type\":\"string: UUID\"}}},"
                + "\"activities\":{\"admin_activities\":{\"created_at\":{\"data_type\":\"timestamp: SQL\"}}}}");
        assertThat(docs.forTable("admin_users").orElseThrow().typeOf("id")).isEqualTo(ColumnType.UUID);
        assertThat(docs.forTable("activities_admin_activities").orElseThrow().typeOf("created_at"))
                .isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void anUnreadableDocumentIsAProblemNotAFailure() {
        SchemaDocs docs = read("docs/schemas/cost.json", "{not json");
        assertThat(docs.size()).isZero();
        assertThat(docs.problems()).singleElement().asString().contains("docs/schemas/cost.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/schemas/admin.html", "docs/schemas/admin.json", "schemas/admin.json",
        "schemas/schema.json", "schema_admin_users.json"})
    void recognisesSchemaDocuments(String name) {
        assertThat(SchemaDocs.isSchemaDoc(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/README.html", "admin_users.csv", "metadata.csv", "README.html"})
    void otherFilesAreNotSchemaDocuments(String name) {
        assertThat(SchemaDocs.isSchemaDoc(name)).isFalse();
    }
}
