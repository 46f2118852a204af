import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * The embedded warehouse's own bulk CSV import, for the benchmark: DuckDB's CSV reader ({@code read_csv}, through
 * {@code INSERT INTO t SELECT * FROM read_csv(...)} with the column types of the table the ETL created) into tables
 * identical to the ETL's, in a fresh database file, then a {@code CHECKPOINT} (the ETL's loads are durable when it
 * exits). Prints one JSON object per table on stdout, then one with the checkpoint's seconds.
 * <p>
 * Run: {@code java -cp <etl jar with duckdb_jdbc> DuckBulk.java APP_DB BASE_DB CSV_DIR SCHEMA THREADS TABLE...}
 */
public final class DuckBulk {

    public static void main(String[] args) throws Exception {
        String appDb = args[0];
        Path baseDb = Path.of(args[1]);
        Path csvDir = Path.of(args[2]);
        String schema = args[3];
        String threads = args[4];
        Files.deleteIfExists(baseDb);
        Files.deleteIfExists(Path.of(baseDb + ".wal"));
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + baseDb); Statement s = c.createStatement()) {
            s.execute("SET threads=" + Integer.parseInt(threads));
            s.execute("ATTACH '" + appDb.replace("'", "''") + "' AS app (READ_ONLY)");
            for (int i = 5; i < args.length; i++) {
                String t = args[i];
                s.execute("CREATE TABLE \"" + t + "\" AS SELECT * FROM app.\"" + schema + "\".\"" + t + "\" LIMIT 0");
            }
            s.execute("DETACH app");
            for (int i = 5; i < args.length; i++) {
                String t = args[i];
                // the table's own column types, so the reader parses straight into them (no sniffing)
                StringBuilder cols = new StringBuilder();
                try (ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM information_schema.columns "
                                                   + "WHERE table_name = '" + t + "' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        cols.append(cols.length() == 0 ? "" : ", ").append('\'').append(rs.getString(1))
                                .append("': '").append(rs.getString(2)).append('\'');
                    }
                }
                Path csv = csvDir.resolve(t + ".csv");
                long t0 = System.nanoTime();
                long rows = s.executeUpdate("INSERT INTO \"" + t + "\" SELECT * FROM read_csv('"
                        + csv.toString().replace("'", "''") + "', header = true, auto_detect = false, quote = '\"', "
                        + "escape = '\"', delim = ',', strict_mode = true, columns = {" + cols + "})");
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "{\"table\":\"%s\",\"rows\":%d,\"seconds\":%.3f}%n", t, rows, sec);
            }
            // durable like the ETL's loads: DuckDB compresses the row groups when it checkpoints
            long t0 = System.nanoTime();
            s.execute("CHECKPOINT");
            System.out.printf(Locale.ROOT, "{\"checkpoint_seconds\":%.3f}%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
