package io.dataconnector.camel.simulator;

import java.util.List;
import java.util.Random;

/** A realistic extract table: its name ({@code <group>_<table>}), service group and columns. */
public final class TableDefinition {

    /** Produces one cell value; "" means NULL. */
    @FunctionalInterface
    interface ValueGen {
        String next(RowContext ctx);
    }

    /** What a generator may use for one row. */
    static final class RowContext {
        final Random random;
        final int row;
        final int column;
        final boolean tricky;
        final World world;

        RowContext(Random random, int row, int column, boolean tricky, World world) {
            this.random = random;
            this.row = row;
            this.column = column;
            this.tricky = tricky;
            this.world = world;
        }
    }

    /** Ids shared by all tables of one extract, so foreign keys line up. */
    static final class World {
        final String accountId;
        final List<String> projectIds;
        final List<String> userIds;
        final List<String> companyIds;

        World(String accountId, List<String> projectIds, List<String> userIds, List<String> companyIds) {
            this.accountId = accountId;
            this.projectIds = projectIds;
            this.userIds = userIds;
            this.companyIds = companyIds;
        }
    }

    static final class Column {
        final SchemaColumn schema;
        final ValueGen gen;

        Column(SchemaColumn schema, ValueGen gen) {
            this.schema = schema;
            this.gen = gen;
        }
    }

    private final String name;
    private final String serviceGroup;
    private final String description;
    private final List<Column> columns;

    TableDefinition(String name, String serviceGroup, String description, List<Column> columns) {
        this.name = name;
        this.serviceGroup = serviceGroup;
        this.description = description;
        this.columns = List.copyOf(columns);
    }

    public String name() {
        return name;
    }

    public String serviceGroup() {
        return serviceGroup;
    }

    public String description() {
        return description;
    }

    public List<SchemaColumn> columns() {
        return columns.stream().map(c -> c.schema).toList();
    }

    List<Column> generators() {
        return columns;
    }
}
