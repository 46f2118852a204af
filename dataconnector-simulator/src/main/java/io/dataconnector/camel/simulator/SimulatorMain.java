package io.dataconnector.camel.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone:
 * {@code java -jar dataconnector-simulator-<version>-standalone.jar --port 8089 --seed --instant-jobs}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        DataConnectorSimulator.Builder b = DataConnectorSimulator.builder().port(8089);
        boolean seedData = false;
        SelfSignedCertificate certificate = null;
        String token = null;
        java.util.Map<String, Long> tableRows = new java.util.LinkedHashMap<>();
        Path extractDir = null;
        long seed = 42;
        boolean tricky = true;
        boolean bom = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--port":
                    b.port(Integer.parseInt(v != null ? v : args[++i]));
                    break;
                case "--account-id":
                    b.accountId(v != null ? v : args[++i]);
                    break;
                case "--any-account":
                    b.acceptAnyAccount(true);
                    break;
                case "--access-token":
                    token = v != null ? v : args[++i];
                    b.accessToken(token);
                    break;
                case "--rows":
                    b.rowsPerTable(Integer.parseInt(v != null ? v : args[++i]));
                    break;
                case "--seed":
                    seedData = true;
                    break;
                case "--random-seed":
                    seed = Long.parseLong(v != null ? v : args[++i]);
                    b.seed(seed);
                    break;
                case "--relaxed-auth":
                    b.authRequired(false);
                    break;
                case "--signed-url-ttl":
                    b.signedUrlTtl(Duration.ofSeconds(Long.parseLong(v != null ? v : args[++i])));
                    break;
                case "--instant-jobs":
                    b.instantJobs();
                    break;
                case "--job-quota":
                    b.jobQuota(Integer.parseInt(v != null ? v : args[++i]));
                    break;
                case "--rate-limit":
                    b.rateLimitPerMinute(Integer.parseInt(v != null ? v : args[++i]));
                    break;
                case "--create-status":
                    b.createRequestStatus(Integer.parseInt(v != null ? v : args[++i]));
                    break;
                case "--no-tricky":
                    tricky = false;
                    b.trickyValues(false);
                    break;
                case "--no-bom":
                    bom = false;
                    b.utf8Bom(false);
                    break;
                case "--full":
                    b.fullExtract(true);
                    break;
                case "--legacy-schema-files":
                    b.legacySchemaFiles(true);
                    break;
                case "--region":
                    b.region(v != null ? v : args[++i]);
                    break;
                case "--project-id-list-as-array":
                    b.projectIdListAsString(false);
                    break;
                case "--https":
                    certificate = SelfSignedCertificate.generate(tempDirectory());
                    b.https(certificate.serverContext());
                    break;
                case "--table-rows":
                    for (String tr : (v != null ? v : args[++i]).split(",")) {
                        String[] kv = tr.split("=", 2);
                        tableRows.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
                    }
                    break;
                case "--extract-dir":
                    extractDir = Path.of(v != null ? v : args[++i]);
                    break;
                case "--help":
                case "-h":
                    usage();
                    return;
                default:
                    System.err.println("Unknown option: " + a);
                    usage();
                    System.exit(2);
            }
        }
        DataConnectorSimulator sim = b.build().start();
        if (!tableRows.isEmpty()) {
            // large extracts: generated to disk while streaming, then served from there
            long t0 = System.nanoTime();
            java.util.Map<String, Path> files = ExtractGenerator.writeLargeExtract(
                    extractDir != null ? extractDir : Files.createTempDirectory("dc-sim-extract"), tableRows, seed,
                    tricky, bom, sim.accountId(), sim.clock().instant());
            sim.setExtractTables(new java.util.ArrayList<>(tableRows.keySet()));
            files.forEach((name, path) -> sim.putCustomFile(name, ContentSource.ofFile(path)));
            System.out.printf("Generated %s (%d bytes) in %.1f s%n", files.get(ExtractGenerator.ZIP),
                    Files.size(files.get(ExtractGenerator.ZIP)), (System.nanoTime() - t0) / 1e9);
        }
        if (seedData) {
            SimJob job = sim.seedCompleteSuccessJob();
            System.out.println("Seeded request " + job.requestId() + " with complete/success job " + job.id());
        }
        System.out.println("Data Connector simulator listening on " + sim.baseUrl());
        System.out.println("  API base:   " + sim.apiBaseUrl());
        System.out.println("  Token URL:  " + sim.tokenUrl());
        System.out.println("  Account id: " + sim.accountId());
        if (certificate != null) {
            Path pem = certificate.certificateFile();
            System.out.println("  TLS certificate (self-signed, PEM; trust it e.g. with curl --cacert): " + pem);
            System.out.println("  TLS key store (PKCS12): " + certificate.keyStoreFile());
        }
        if (token == null) {
            // a generated token is printed so that the operator can use it; a chosen one is not echoed
            System.out.println("  Access token: " + sim.defaultAccessToken());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "dc-sim-shutdown"));
        stop.await();
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("dc-sim-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void usage() {
        System.out.println(String.join("\n",
                "Usage: java -jar dataconnector-simulator-<version>-standalone.jar [options]",
                "  --port N                 listen port on 127.0.0.1 (default 8089; 0 = ephemeral)",
                "  --account-id ID          account id served (default f9abf4c8-1f51-4b26-a6b7-6ac0639cb138)",
                "  --any-account            accept any account id in paths (GET jobs lists that account's jobs)",
                "  --access-token T         accept this bearer token (default: a random one, printed)",
                "  --relaxed-auth           API calls need no valid bearer token",
                "  --seed                   seed a request with a complete/success job and its extract",
                "  --random-seed N          seed of ids and generated data (default 42)",
                "  --rows N                 rows per generated table (default 25)",
                "  --no-tricky              plain CSV values (no quotes/newlines/non-ASCII/t-f booleans)",
                "  --no-bom                 CSVs without the UTF-8 BOM real extracts start with",
                "  --full                   full extracts: about 300 tables (default: about 50 representative ones)",
                "  --legacy-schema-files    also the invented schema_<table>.json files of earlier versions",
                "  --region US|EMEA         region in metadata.csv (default US)",
                "  --instant-jobs           new jobs complete at once",
                "  --signed-url-ttl SECONDS signed URL lifetime (default 60)",
                "  --job-quota N            jobs per 24 h per account (default 24; 0 = unlimited)",
                "  --rate-limit N           calls per minute per token (default off)",
                "  --create-status N        status of POST requests (default 201)",
                "  --project-id-list-as-array  render projectIdList as an array instead of a string",
                "  --table-rows T=N,...     generated tables and row counts (e.g. issues_issues=400000), written to",
                "                           disk while generated and served from there (any size; no other tables)",
                "  --extract-dir DIR        where --table-rows writes the extract (default: a new temp directory)",
                "  --https                  serve HTTPS with a self-signed certificate for 127.0.0.1/localhost,",
                "                           generated into a temp directory (its path is printed)"));
    }
}
