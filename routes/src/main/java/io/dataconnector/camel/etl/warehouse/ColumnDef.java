package io.dataconnector.camel.etl.warehouse;

/** A warehouse column: a validated, lower-case name and its type. */
public record ColumnDef(String name, ColumnType type) {

    public ColumnDef {
        name = Identifiers.validate("column", name);
    }
}
