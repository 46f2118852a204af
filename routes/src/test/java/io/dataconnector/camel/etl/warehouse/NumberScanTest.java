package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java measure of number fields gives the types DuckDbNumbers' SQL measure gives the same values. */
class NumberScanTest {

    private static String typeOf(String... values) {
        NumberScan scan = new NumberScan(new int[] {1});
        for (String v : values) {
            scan.accept(new String[] {"x", v});
        }
        return scan.typeOf(0);
    }

    @Test
    void integersDecimalsAndMisfits() {
        assertThat(typeOf("37499", null, "", "  ")).isEqualTo("BIGINT");
        assertThat(typeOf("1000.0000", "12.5", "-3")).isEqualTo("DECIMAL(38, 4)");
        assertThat(typeOf("+5", "-007", " 12 ")).isEqualTo("BIGINT");
        assertThat(typeOf("1234567890123456789")).isEqualTo("DECIMAL(38, 0)");
        assertThat(typeOf("0000000000000000000001")).isEqualTo("BIGINT");
        assertThat(typeOf("1".repeat(30) + "." + "1".repeat(9))).isNull();
        for (String misfit : List.of("1.", ".5", "1e3", "abc", "--1", "1.2.3", "+", "1,5", "0x10", "NaN")) {
            assertThat(typeOf("1", misfit)).as(misfit).isNull();
        }
        assertThat(typeOf()).isEqualTo("BIGINT");
    }

    @Test
    void agreesWithTheSqlMeasureOnRandomColumns() throws Exception {
        Random random = new Random(14);
        String[] pieces = {"0", "7", "12", "007", "123456789", "-", "+", ".", "5", " ", "e", "x", "99999999999"};
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            TableLayout layout = TableLayout.of(List.of(), List.of("n"), TableSchema.of("t", Map.of("n", "number")),
                    false);
            for (int round = 0; round < 300; round++) {
                List<String> values = new ArrayList<>();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    StringBuilder v = new StringBuilder();
                    for (int p = 0; p < 1 + random.nextInt(4); p++) {
                        v.append(pieces[random.nextInt(pieces.length)]);
                    }
                    values.add(random.nextInt(10) == 0 ? null : v.toString());
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE OR REPLACE TABLE t (n VARCHAR)");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                    for (String v : values) {
                        ps.setString(1, v);
                        ps.executeUpdate();
                    }
                }
                DuckDbNumbers.typeStaged(c, "main", "t", layout, "t");
                String sql = DuckDbNumbers.typesOf(c, "main", "t").get("n");
                String java = typeOf(values.toArray(String[]::new));
                assertThat(java == null ? "VARCHAR" : java.replace(" ", "")).as(Arrays.toString(values.toArray()))
                        .isEqualTo(sql);
            }
        }
    }
}
