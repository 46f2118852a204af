package io.dataconnector.camel.simulator;

/**
 * A column as the extract's schema documentation describes it (one row of a table's grid in
 * {@code docs/schemas/<group>.html|json}).
 *
 * @param type        the documented data_type, one of {@code string: UUID}, {@code string}, {@code timestamp: SQL},
 *                    {@code number}, {@code boolean}, {@code enum: string}, {@code string: null},
 *                    {@code date: string} (the documentation is not always right about it)
 * @param nullable    whether generated rows may leave the cell empty (not part of the documentation)
 * @param description the documented notes
 * @param constraints the documented constraints, e.g. {@code Primary Key}, {@code Max length: 255},
 *                    {@code Possible Values: active inactive}; "" when none
 */
public record SchemaColumn(String name, String type, boolean nullable, String description, String constraints) {

    public SchemaColumn {
        description = description == null ? "" : description;
        constraints = constraints == null ? "" : constraints;
    }

    /** A column without constraints. */
    public SchemaColumn(String name, String type, boolean nullable, String description) {
        this(name, type, nullable, description, "");
    }

    public static SchemaColumn of(String name, String type) {
        return new SchemaColumn(name, type, true, "", "");
    }
}
