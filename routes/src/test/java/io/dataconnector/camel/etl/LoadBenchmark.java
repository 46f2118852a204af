package io.dataconnector.camel.etl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataconnector.camel.etl.warehouse.Dialect;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import io.dataconnector.camel.etl.warehouse.WarehouseSettings;
import io.dataconnector.camel.simulator.DataConnectorSimulator;
import io.dataconnector.camel.simulator.SimJob;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures the loader's rows/s per dialect on one simulator-generated table (issues_issues, tricky values).
 * Run: {@code java -cp <test classpath> io.dataconnector.camel.etl.LoadBenchmark ROWS [dialects]} (see the note).
 */
public final class LoadBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        String which = args.length > 1 ? args[1] : "duckdb,h2,postgres";
        Path dir = Files.createTempDirectory("dc-bench");
        Path csv = dir.resolve("issues_issues.csv");
        TableSchema schema;
        try (DataConnectorSimulator sim = DataConnectorSimulator.builder().instantJobs().rowsPerTable(rows)
                .extractTables(List.of("issues_issues")).build().start()) {
            SimJob job = sim.seedCompleteSuccessJob();
            Files.write(csv, sim.jobFileBytes(job.id(), "issues_issues.csv"));
            schema = TableSchema.read(new ByteArrayInputStream(sim.jobFileBytes(job.id(),
                    "schema_issues_issues.json")));
        }
        System.out.printf(Locale.ROOT, "extract: %d rows, %.1f MB CSV%n", rows, Files.size(csv) / 1e6);
        for (String d : which.split(",")) {
            for (int pass = 1; pass <= 2; pass++) {
                EmbeddedPostgres pg = null;
                String url = switch (d) {
                    case "duckdb" -> "jdbc:duckdb:" + dir.resolve("bench-" + pass + ".duckdb");
                    case "h2" -> "jdbc:h2:" + dir.resolve("bench-" + pass);
                    case "postgres" -> {
                        pg = EmbeddedPostgres.builder().start();
                        yield pg.getJdbcUrl("postgres", "postgres");
                    }
                    default -> throw new IllegalArgumentException(d);
                };
                HikariConfig cfg = new HikariConfig();
                cfg.setJdbcUrl(url);
                cfg.setMaximumPoolSize(1);
                if (pg != null) {
                    cfg.setUsername("postgres");
                }
                try (HikariDataSource ds = new HikariDataSource(cfg)) {
                    WarehouseLoader loader = new WarehouseLoader(ds, Dialect.forUrl(url, 1000),
                            WarehouseSettings.defaults("bench"));
                    loader.initialize();
                    long t0 = System.nanoTime();
                    LoadResult r = loader.load(new LoadRequest("job-" + pass, null, Instant.now(),
                            "issues_issues.csv", csv, Files.size(csv), schema));
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%-9s pass %d: %s %d rows in %.2f s = %,.0f rows/s%s%n", d, pass,
                            r.status(), r.rows(), s, r.rows() / s, r.error() == null ? "" : " " + r.error());
                } finally {
                    if (pg != null) {
                        pg.close();
                    }
                }
            }
        }
    }
}
