package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.DataConnectorConstants;
import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The ETL, one small named route per step:
 * <pre>
 * dc-etl-poll (YAML, routes/etl-trigger.yaml: dataconnector:jobs on a Quartz cron) → dc-etl-job
 * (run-once mode: dc-etl-discover → dc-etl-job)
 *   → dc-etl-choose-files → dc-etl-fetch (dc-etl-download: fresh signed URL + Camel HTTP + spool, once more on expiry)
 *   → dc-etl-unzip (streaming split of the ZIP: descriptions, then each CSV streamed from the archive into
 *     dc-etl-load — or, for DuckDB's read_csv, unpacked → dc-etl-load → deleted —, etl.load-parallelism at a time)
 *   → dc-etl-parse (files fetched one by one → load requests)
 *   → dc-etl-load (stream the CSV into a staging table, swap) → dc-etl-record
 * </pre>
 * Stream caching is off on every route: extract bodies are streams to disk, never cached in heap.
 */
public class EtlRoutes extends RouteBuilder {

    /** The beans of the ETL, bound in the registry under these names. */
    public static final String LOADER = "dcEtlWarehouseLoader";
    public static final String PLANNER = "dcEtlJobPlanner";
    public static final String SUMMARY = "dcEtlRunSummary";
    public static final String SETTINGS = "dcEtlSettings";
    /** The completed-job consumer's idempotent repository, a table in the warehouse database. */
    public static final String JOB_REPOSITORY = "dcEtlJobRepository";

    /** The loading endpoint, configured from the warehouse.* keys. */
    public static final String WAREHOUSE = "dcwarehouse:{{warehouse.schema}}?dataSource=#warehouse"
            + "&historyTable={{warehouse.history-table}}&lineage={{warehouse.lineage}}&swap={{warehouse.swap}}"
            + "&batchSize={{warehouse.batch-size}}&windowTables={{warehouse.window-tables:activities_*,cdc*}}";

    private static final String LIST_JOBS = "dataconnector:listJobs?filter.status=complete&paginate=true&limit=100";

    @Override
    public void configure() throws Exception {
        EtlBeans beans = EtlBeans.bind(getContext());
        JobPlanner planner = beans.planner();
        WarehouseLoader loader = beans.loader();
        RunSummary summary = beans.summary();
        ZipEntries zipEntries = new ZipEntries(beans.settings().maxUncompressedBytes());

        // every completed job not loaded yet, oldest first; a failing job does not stop the others
        from("direct:dc-etl-discover").routeId("dc-etl-discover").streamCache("false")
                .to(LIST_JOBS)
                .bean(planner, "pendingJobs")
                .log("${body.size} completed job(s) to load")
                .split(body())
                    .to("direct:dc-etl-job")
                .end();

        // one job: body is a Job (from the discover route or from the dataconnector:jobs consumer)
        from("direct:dc-etl-job").routeId("dc-etl-job").streamCache("false")
                .setHeader(DataConnectorConstants.JOB_ID, simple("${body.id}"))
                .setHeader(DataConnectorConstants.REQUEST_ID, simple("${body.requestId}"))
                .process(e -> e.setProperty(EtlHeaders.JOB_WORK, planner.start(e.getMessage().getBody(Job.class))))
                .doTry()
                    .to("direct:dc-etl-job-steps")
                .doCatch(Exception.class)
                    // still a failure for the caller (the consumer then releases the job for a later poll), unless
                    // the job is now terminal (gone, quarantined): no later poll may retry it
                    .process(e -> {
                        Exception caught = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        if (!planner.failed(work(e), work(e).getJob(), caught)) {
                            throw caught;
                        }
                    })
                .doFinally()
                    .process(e -> work(e).cleanup())
                .end();

        from("direct:dc-etl-job-steps").routeId("dc-etl-job-steps").streamCache("false")
                .to("direct:dc-etl-choose-files")
                .choice()
                    .when(simple("${body.empty}"))
                        .log("Job ${header.CamelDataConnectorJobId}: nothing to load")
                    .otherwise()
                        .to("direct:dc-etl-fetch-extract")
                        .to("direct:dc-etl-parse")
                .end()
                .process(e -> planner.finish(work(e)));

        // the data listing → which CSVs (and schema descriptions) to fetch, and whether from the ZIP
        from("direct:dc-etl-choose-files").routeId("dc-etl-choose-files")
                .to("dataconnector:listJobFiles")
                .process(e -> e.getMessage().setBody(
                        planner.plan(work(e), castList(e.getMessage().getBody(List.class)))));

        from("direct:dc-etl-fetch-extract").routeId("dc-etl-fetch-extract").streamCache("false")
                .choice()
                    .when(simple("${body.useZip}"))
                        .setHeader(DataConnectorConstants.FILE_NAME, simple("${body.zip.name}"))
                        .setHeader(EtlHeaders.EXPECTED_SIZE, simple("${body.zip.size}"))
                        .to("direct:dc-etl-fetch")
                        .to("direct:dc-etl-unzip")
                    .otherwise()
                        .split(simple("${body.individualFiles}"))
                            .setHeader(DataConnectorConstants.FILE_NAME, simple("${body.name}"))
                            .setHeader(EtlHeaders.EXPECTED_SIZE, simple("${body.size}"))
                            .to("direct:dc-etl-fetch")
                            .process(e -> work(e).spooled(e.getMessage().getHeader(DataConnectorConstants.FILE_NAME,
                                    String.class), e.getMessage().getBody(Path.class)))
                        .end()
                .end()
                .process(e -> e.getMessage().setBody(work(e).getPlan()));

        // a signed URL requested just before the download, and once more if it expired in between
        from("direct:dc-etl-fetch").routeId("dc-etl-fetch").streamCache("false")
                .to("direct:dc-etl-download")
                .filter(header(EtlHeaders.URL_EXPIRED).isEqualTo(true))
                    .log(LoggingLevel.WARN, "The signed URL of ${header.CamelDataConnectorFileName} had expired; "
                                            + "requesting a fresh one")
                    .to("direct:dc-etl-download")
                    .filter(header(EtlHeaders.URL_EXPIRED).isEqualTo(true))
                        .throwException(java.io.IOException.class,
                                "The signed URL of ${header.CamelDataConnectorFileName} expired twice")
                    .end()
                .end();

        from("direct:dc-etl-download").routeId("dc-etl-download").streamCache("false")
                .removeHeader(EtlHeaders.URL_EXPIRED)
                .to("dataconnector:getJobFileUrl")
                .setHeader(Exchange.HTTP_URI, simple("${body.signedUrl}"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                // the endpoint's scheme must match the URL's: camel-http applies its TLS settings (e.g. the global
                // camel.ssl.* trust) only to https endpoints
                .process(e -> e.getMessage().setHeader(EtlHeaders.DOWNLOAD_SCHEME,
                        java.net.URI.create(e.getMessage().getHeader(Exchange.HTTP_URI, String.class)).getScheme()))
                .setBody(constant(null))
                .toD("${header." + EtlHeaders.DOWNLOAD_SCHEME + "}://signed-url?throwExceptionOnFailure=false"
                     + "&disableStreamCache=true&connectTimeout={{etl.download.connect-timeout:30000}}"
                     + "&responseTimeout={{etl.download.read-timeout:300000}}")
                .removeHeader(Exchange.HTTP_URI)
                .removeHeader(EtlHeaders.DOWNLOAD_SCHEME)
                .process(new DownloadSpooler());

        // the ZIP, read once, entry by entry, never holding an entry in memory: the schema descriptions first, then
        // each CSV is loaded as it is read, up to etl.load-parallelism tables at a time; the ZIP is deleted at the end.
        // A dialect whose bulk path reads a file (DuckDB's read_csv) gets each CSV unpacked to a temp file, loaded and
        // deleted (the work directory holds the ZIP plus the entries being loaded); any other (PostgreSQL's COPY,
        // generic JDBC) reads it straight from the archive (StreamedEntries: no temp file besides the ZIP)
        int parallelism = Math.max(1, Math.min(beans.dataSource().getMaximumPoolSize(), Integer.parseInt(
                getContext().resolvePropertyPlaceholders("{{etl.load-parallelism:1}}")))); // one connection per load
        boolean streamed = !loader.getDialect().loadsFromFile();
        from("direct:dc-etl-unzip").routeId("dc-etl-unzip").streamCache("false")
                .setProperty("dcEtlZip", body())
                .split(method(zipEntries, "descriptions")).streaming().stopOnException()
                    .process(StreamedEntries::describe)
                .end()
                // entries with an unsafe name are not unpacked: each recorded as refused, the others load
                .process(e -> planner.refusedEntries(work(e), ZipEntries.refusals(e)))
                .split(method(zipEntries, "tables")).streaming().stopOnException()
                        .parallelProcessing(parallelism > 1)
                        .executorService(getContext().getExecutorServiceManager()
                                .newFixedThreadPool(this, "dc-etl-load", parallelism))
                    .choice()
                        .when(e -> streamed && StreamedEntries.isWantedTable(e))
                            .process(StreamedEntries::loadRequest)
                            .to("direct:dc-etl-load")
                            .process(StreamedEntries::afterLoad)
                        .otherwise()
                            .process(new EntrySpooler())
                            .filter(e -> {
                                String name = e.getMessage().getHeader(EtlHeaders.ENTRY_NAME, String.class);
                                return work(e).isWantedCsv(name) && work(e).spooledFile(name) != null;
                            })
                                .process(e -> e.getMessage().setBody(work(e).takeLoadRequest(
                                        e.getMessage().getHeader(EtlHeaders.ENTRY_NAME, String.class))))
                                .to("direct:dc-etl-load")
                                .process(e -> work(e).release(e.getMessage().getHeader(EtlHeaders.ENTRY_NAME,
                                        String.class)))
                            .end()
                    .end()
                .end()
                .process(e -> {
                    ZipEntries.close(e);
                    java.nio.file.Files.deleteIfExists(e.getProperty("dcEtlZip", Path.class));
                });

        // each CSV fetched file by file (not from the ZIP) with its schema description becomes a load request; a CSV
        // listed but missing from the ZIP is fetched on its own, or recorded as missing: it never blocks the job
        from("direct:dc-etl-parse").routeId("dc-etl-parse").streamCache("false")
                .process(e -> e.getMessage().setBody(work(e).loadRequests()))
                .split(body())
                    .to("direct:dc-etl-load")
                .end()
                .process(e -> e.getMessage().setBody(work(e).missingCsvs()))
                .split(body())
                    .to("direct:dc-etl-fetch-missing")
                .end();

        from("direct:dc-etl-fetch-missing").routeId("dc-etl-fetch-missing").streamCache("false")
                .setHeader(DataConnectorConstants.FILE_NAME, simple("${body.name}"))
                .setHeader(EtlHeaders.EXPECTED_SIZE, simple("${body.size}"))
                .log(LoggingLevel.WARN, "Job ${header.CamelDataConnectorJobId}: ${body.name} is listed but missing "
                                        + "from the ZIP; fetching it on its own")
                .doTry()
                    .to("direct:dc-etl-fetch")
                    .process(e -> {
                        String name = e.getMessage().getHeader(DataConnectorConstants.FILE_NAME, String.class);
                        work(e).spooled(name, e.getMessage().getBody(Path.class));
                        e.getMessage().setBody(work(e).takeFetchedLoadRequest(name));
                    })
                    .to("direct:dc-etl-load")
                .doCatch(Exception.class)
                    .process(e -> planner.missing(work(e),
                            e.getMessage().getHeader(DataConnectorConstants.FILE_NAME, String.class),
                            e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                .end();

        from("direct:dc-etl-load").routeId("dc-etl-load").streamCache("false")
                .to(WAREHOUSE)
                .to("direct:dc-etl-record");

        from("direct:dc-etl-record").routeId("dc-etl-record")
                .process(e -> {
                    LoadResult r = planner.settle(e.getMessage().getBody(LoadResult.class));
                    e.getMessage().setBody(r);
                    summary.add(r);
                    work(e).getResults().add(r);
                })
                .choice()
                    .when(simple("${body.failure}"))
                        .log(LoggingLevel.WARN, "Job ${body.jobId}: ${body.fileName} failed: ${body.error}")
                    .otherwise()
                        .log("Job ${body.jobId}: ${body.table} ${body.status} (${body.rows} rows)")
                .end();
    }

    private static JobWork work(Exchange e) {
        return e.getProperty(EtlHeaders.JOB_WORK, JobWork.class);
    }

    @SuppressWarnings("unchecked")
    private static List<ExtractFile> castList(List<?> list) {
        return (List<ExtractFile>) list;
    }
}
