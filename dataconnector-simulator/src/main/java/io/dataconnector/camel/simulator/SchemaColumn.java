package io.dataconnector.camel.simulator;

/**
 * A column as described in a schema JSON of an extract.
 *
 * @param type one of {@code string: UUID}, {@code string}, {@code timestamp: SQL}, {@code number}, {@code boolean},
 *             {@code enum: string}
 */
public record SchemaColumn(String name, String type, boolean nullable, String description) {

    public static SchemaColumn of(String name, String type) {
        return new SchemaColumn(name, type, true, "");
    }
}
