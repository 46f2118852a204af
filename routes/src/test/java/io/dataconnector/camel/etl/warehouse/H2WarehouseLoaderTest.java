package io.dataconnector.camel.etl.warehouse;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The warehouse contract through the generic JDBC dialect (batched inserts, refill swap), on in-memory H2. */
class H2WarehouseLoaderTest extends WarehouseLoaderContract {

    final JdbcDataSource ds = new JdbcDataSource();

    {
        ds.setURL("jdbc:h2:mem:wh" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    Dialect dialect() {
        return new GenericJdbcDialect(2);
    }

    @Override
    void assertTyped(Map<String, String> t) {
        assertThat(t).containsEntry("id", "character varying").containsEntry("active", "boolean")
                .containsEntry("created_at", "timestamp").containsEntry("amount", "decimal");
    }

    @Override
    void assertExactNumbers(String id, String amount) {
        // H2 holds numbers as DECIMAL(38, 10): exact, printed with ten fraction digits
        assertThat(new BigDecimal(id)).isEqualByComparingTo("37499");
        assertThat(new BigDecimal(amount)).isEqualByComparingTo("1000.0000");
    }

    @Override
    ColumnType uuidType() {
        return ColumnType.TEXT; // H2 dialect stores UUIDs as VARCHAR(36)
    }
}
