package io.dataconnector.camel.etl;

/** {@link RealExtractEndToEndTest} into a DuckDB file. */
class DuckDbRealExtractTest extends RealExtractEndToEndTest {

    @Override
    String warehouseUrl() {
        return "jdbc:duckdb:" + work.resolve("warehouse.duckdb");
    }

    @Override
    String warehouseUser() {
        return null;
    }

    @Override
    String warehousePassword() {
        return null;
    }
}
