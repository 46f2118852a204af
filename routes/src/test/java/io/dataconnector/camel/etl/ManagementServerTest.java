package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.simulator.SimJob;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The launcher's management server (Camel Main's {@code camel.management.*}, camel-platform-http-main): the ETL run
 * in-process in continuous mode answers UP at {@code /observe/health} and its Prometheus scrape at
 * {@code /observe/metrics} has the API calls and the load metrics of the job it loaded.
 */
class ManagementServerTest extends EtlTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

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

    @Test
    void healthIsUpAndMetricsCountTheLoadedRows() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        extra.put("etl.cron", "0/1 * * * * ?");
        extra.put("camel.management.enabled", "true");
        extra.put("camel.management.port", Integer.toString(port));
        extra.put("camel.management.health-check-enabled", "true");
        extra.put("camel.management.metrics-enabled", "true");
        extra.put("camel.metrics.enabled", "true");
        extra.put("camel.health.exposure-level", "full");
        SimJob job = job(30);
        EtlApplication app = new EtlApplication(new PrintStream(OutputStream.nullOutputStream()), properties());
        Thread running = new Thread(() -> app.run(new String[] {"--config=" + work.resolve("no-config")}));
        running.start();
        try {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> loadedJobs().contains(job.id()));
            // every health request pings the API once per check (3 here) from the 60 calls/min budget: polled faster,
            // the pings exhaust it before the first poll ends on a busy machine, and the checks then block on it
            HttpResponse<String> health = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> get(base + "/observe/health"), r -> r.statusCode() == 200);
            // exposure level full: every check with its state
            assertThat(health.body()).startsWith("{\"status\":\"UP\"")
                    .contains("{\"name\":\"dcwarehouse-" + schema + "\",\"status\":\"UP\"}",
                            "{\"name\":\"dataconnector-consumer-dc-etl-poll\",\"status\":\"UP\"}")
                    .doesNotContain("DOWN");

            HttpResponse<String> metrics = get(base + "/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body().lines().filter(l -> l.startsWith("camel_dataconnector_load_rows_total{")
                                                          && l.contains("table=\"admin_users\"")))
                    .singleElement().satisfies(l -> assertThat(l).endsWith(" 20.0"));
            assertThat(metrics.body()).contains("camel_dataconnector_api_calls_total{")
                    .contains("camel_dataconnector_load_duration_seconds_count{");
        } finally {
            app.stop();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).as("the application stopped").isFalse();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
