package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.etl.extract.ExtractMetadata;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.etl.warehouse.Identifiers;
import io.dataconnector.camel.etl.warehouse.LoadHistory;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.WarehouseLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the ETL: which completed jobs are pending (oldest first, so the warehouse ends at the newest
 * snapshot), for one job which files to fetch, and when a problem is permanent. Terminal states, recorded in the load
 * history and never retried (re-arm with {@code etl.rearm}): {@code refused} (an extract file or ZIP entry whose name
 * can never be a table), {@code gone} (the job's data listing answered 404) and {@code quarantined} (a table, or the
 * job as a whole, failed {@code etl.max-attempts} times, counted in the history). A job whose every wanted table is
 * loaded or terminal is done; its job row then says how many entries were refused and tables quarantined.
 */
public class JobPlanner {

    /** The load-history file name marking a job whose every wanted table is loaded. */
    public static final String JOB_MARKER = "*";

    private static final Logger LOG = LoggerFactory.getLogger(JobPlanner.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final WarehouseLoader loader;
    private final EtlSettings settings;
    private final RunSummary summary;

    public JobPlanner(WarehouseLoader loader, EtlSettings settings, RunSummary summary) {
        this.loader = loader;
        this.settings = settings;
        this.summary = summary;
    }

    WarehouseLoader loader() {
        return loader;
    }

    /** @return the warehouse settings of this planner's schema and account */
    public io.dataconnector.camel.etl.warehouse.WarehouseSettings settings() {
        return loader.getSettings();
    }

    /**
     * A job settled earlier, not fetched again: the run summary still lists what ended gone or quarantined (as
     * skipped, with the attempts and the error).
     */
    public void reportSettled(String jobId) {
        try {
            reportSettled(jobId, null, loader.history(jobId));
        } catch (SQLException e) {
            LOG.warn("Cannot read the load history of job {} for the summary: {}", jobId, e.getMessage());
        }
    }

    private void reportSettled(String jobId, String requestId, List<LoadHistory.Entry> history) {
        for (LoadHistory.Entry e : history) {
            if (LoadHistory.GONE.equals(e.status()) || LoadHistory.QUARANTINED.equals(e.status())) {
                summary.add(new LoadResult(jobId, requestId, e.fileName(), e.tableName(),
                        LoadResult.Status.SKIPPED, 0, 0, null, null, e.status() + " after " + e.attempts()
                        + " attempt(s): " + e.error()));
            }
        }
    }

    /** Starts a job's work: its own directory under {@code etl.work-dir}. */
    public JobWork start(Job job) throws IOException {
        if (!SAFE_ID.matcher(job.getId()).matches()) {
            throw new IllegalArgumentException("Refusing a job id with unexpected characters");
        }
        Path dir = settings.workDir().resolve(job.getId());
        Files.createDirectories(dir);
        return new JobWork(job, dir, this);
    }

    /** Chooses the files to fetch from a job's data listing. */
    public JobPlan plan(JobWork work, List<ExtractFile> listing) throws SQLException {
        Set<String> done = new java.util.HashSet<>();
        for (LoadHistory.Entry e : loader.history(work.getJobId())) {
            if (e.settled()) {
                done.add(e.fileName()); // loaded, superseded, refused or quarantined: not fetched again
            }
        }
        Map<String, ExtractFile> byName = new LinkedHashMap<>();
        for (ExtractFile f : listing) {
            if (f.getName() != null) {
                byName.put(f.getName(), f);
            }
        }
        List<ExtractFile> csvs = new ArrayList<>();
        Map<String, ExtractFile> schemas = new LinkedHashMap<>();
        for (ExtractFile f : byName.values()) {
            String name = f.getName();
            if (!name.toLowerCase().endsWith(".csv") || ExtractMetadata.isPackageFile(name)) {
                continue; // README.html, the ZIP, schema documents and metadata.csv are never tables
            }
            if (name.contains("/") || name.contains("\\")) {
                try {
                    ZipEntries.checkName(name);
                } catch (IllegalArgumentException unsafe) {
                    refused(work, f, unsafe.getMessage(), done);
                }
                continue; // a CSV in a folder is not a table
            }
            String table;
            try {
                table = Identifiers.tableOf(name);
            } catch (IllegalArgumentException e) {
                LOG.warn("Job {}: skipping {}: {}", work.getJobId(), name, e.getMessage());
                refused(work, f, e.getMessage(), done);
                continue;
            }
            if (!settings.tables().accepts(table) || done.contains(name)) {
                continue;
            }
            csvs.add(f);
            ExtractFile schema = byName.get("schema_" + table + ".json");
            if (schema != null) {
                schemas.put(name, schema);
            }
        }
        ExtractFile zip = byName.get("autodesk_data_extract.zip");
        boolean useZip = zip != null && EtlSettings.FETCH_ZIP.equals(settings.fetch());
        JobPlan plan = new JobPlan(csvs, schemas, useZip ? zip : null);
        work.setPlan(plan);
        LOG.info("Job {}: {} table(s) to load{}", work.getJobId(), csvs.size(),
                csvs.isEmpty() ? "" : useZip ? " from " + zip.getName() : " file by file");
        return plan;
    }

    /**
     * A listed CSV whose name can never be a table (an invalid identifier, e.g. an SQL injection attempt, or a path
     * escaping the extract): recorded once as {@code refused} in the history and the run summary (so that run exits 1),
     * without holding the job back, since no retry can make the name valid.
     */
    private void refused(JobWork work, ExtractFile f, String why, Set<String> done) {
        refused(work, f.getName(), f.getSize() == null ? 0 : f.getSize(), why + "; not loaded", done);
    }

    /**
     * ZIP entries refused while reading the archive (see {@link ZipEntries}): each recorded once as {@code refused}
     * with its name and the reason, in the history and the run summary; the other entries load.
     *
     * @param refusals entry name → reason
     */
    public void refusedEntries(JobWork work, Map<String, String> refusals) throws SQLException {
        if (refusals == null || refusals.isEmpty()) {
            return;
        }
        Set<String> done = new java.util.HashSet<>();
        for (LoadHistory.Entry e : loader.history(work.getJobId())) {
            if (e.settled()) {
                done.add(e.fileName());
            }
        }
        refusals.forEach((name, why) -> refused(work, name, 0, why + "; not unpacked", done));
    }

    private void refused(JobWork work, String fileName, long bytes, String why, Set<String> done) {
        String name = fileName.length() > 200 ? fileName.substring(0, 200) + "…" : fileName;
        if (done.contains(name)) {
            return;
        }
        Instant now = Instant.now();
        LoadResult r = new LoadResult(work.getJobId(), work.getJob().getRequestId(), name, null,
                LoadResult.Status.REFUSED, 0, bytes, now, now, why);
        LOG.warn("Job {}: refused {}: {}", work.getJobId(), name, why);
        summary.add(r);
        work.getResults().add(r);
        try {
            loader.recordOutcome(r, LoadHistory.REFUSED, work.getJob().getCompletedAt());
        } catch (SQLException e) {
            LOG.warn("Could not record the refusal of {} of job {} in the load history: {}", name, work.getJobId(),
                    e.getMessage());
        }
    }

    /**
     * A table's load result as it settles: a failure that reached {@code etl.max-attempts} (counted in the history)
     * becomes {@link LoadResult.Status#QUARANTINED}; anything else is returned as is.
     */
    public LoadResult settle(LoadResult r) {
        if (r.status() != LoadResult.Status.FAILED) {
            return r;
        }
        try {
            if (loader.quarantineIfExhausted(r.jobId(), r.fileName(), settings.maxAttempts())) {
                LOG.warn("Job {}: {} failed {} times (etl.max-attempts): quarantined; re-arm it with "
                         + "etl.rearm={}:{}", r.jobId(), r.fileName(), settings.maxAttempts(), r.jobId(), r.fileName());
                return r.with(LoadResult.Status.QUARANTINED, "quarantined after " + settings.maxAttempts()
                                                             + " attempts: " + r.error());
            }
        } catch (SQLException e) {
            LOG.warn("Could not read the attempts of {} of job {}: {}", r.fileName(), r.jobId(), e.getMessage());
        }
        return r;
    }

    /**
     * After a job: marks it done in the history when every wanted table is loaded or terminal (refused, quarantined),
     * the job row then noting {@code loaded with N refused entries[, M quarantined tables]}.
     */
    public void finish(JobWork work) throws SQLException {
        if (work.getResults().stream().anyMatch(r -> r.status() == LoadResult.Status.FAILED)) {
            return; // retried by a later run
        }
        long refused = 0;
        long quarantined = 0;
        for (LoadHistory.Entry e : loader.history(work.getJobId())) {
            if (LoadHistory.REFUSED.equals(e.status())) {
                refused++;
            } else if (LoadHistory.QUARANTINED.equals(e.status()) && !e.fileName().equals(JOB_MARKER)) {
                quarantined++;
            }
        }
        String note = refused + quarantined == 0 ? null
                : "loaded with " + refused + " refused entries" + (quarantined == 0 ? ""
                        : " and " + quarantined + " quarantined tables");
        if (note != null) {
            LOG.warn("Job {}: {}", work.getJobId(), note);
        }
        Instant now = Instant.now();
        loader.getListener().jobLoaded(work.getJobId());
        loader.recordJobDone(new LoadResult(work.getJobId(), work.getJob().getRequestId(), JOB_MARKER, null,
                LoadResult.Status.LOADED, work.getResults().stream().mapToLong(LoadResult::rows).sum(),
                0, work.getStarted(), now, note), work.getJob().getCompletedAt());
        ExtractMetadata metadata = work.getMetadata();
        if (metadata != null) {
            loader.recordExtract(work.getJobId(), JOB_MARKER, metadata.createdAt(), metadata.region());
        }
    }

    /**
     * A CSV listed in the data listing but missing from the ZIP and not fetchable on its own: recorded as
     * {@code missing} (never retried), so that it never blocks the job.
     */
    public void missing(JobWork work, String fileName, Exception why) {
        String reason = fileName + " is listed in the data listing but missing from the extract's ZIP, and fetching "
                        + "it on its own failed: " + (why == null ? "unknown error" : why.getMessage());
        LOG.warn("Job {}: {}; skipped", work.getJobId(), reason);
        Instant now = Instant.now();
        LoadResult r = new LoadResult(work.getJobId(), work.getJob().getRequestId(), fileName, null,
                LoadResult.Status.MISSING, 0, 0, now, now, reason);
        summary.add(r);
        work.getResults().add(r);
        loader.recordMissing(r, work.getJob().getCompletedAt());
    }

    /**
     * A job-level failure (listing, download, unzip): recorded in the summary and the history. A data listing
     * answering 404 makes the job {@code gone}; the {@code etl.max-attempts}-th failure makes it {@code quarantined}.
     *
     * @return whether the job is now in a terminal state (no later poll retries it)
     */
    public boolean failed(JobWork work, Job job, Exception e) {
        String jobId = job != null ? job.getId() : work != null ? work.getJobId() : "?";
        String requestId = job != null ? job.getRequestId() : null;
        Instant started = work != null ? work.getStarted() : Instant.now();
        Instant completedAt = job != null ? job.getCompletedAt() : null;
        String message = e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
        LoadResult r = LoadResult.jobFailure(jobId, requestId, JOB_MARKER, started, message);
        if (isGoneListing(e)) {
            r = r.with(LoadResult.Status.GONE, "the data listing answered HTTP 404: the job's extract no longer exists ("
                                               + message + ")");
            LOG.warn("Job {} is gone: {}", jobId, r.error());
            summary.add(r);
            try {
                loader.recordOutcome(r, LoadHistory.GONE, completedAt);
                return true;
            } catch (SQLException sql) {
                LOG.warn("Could not record job {} as gone in the load history: {}", jobId, sql.getMessage());
                return false;
            }
        }
        LOG.warn("Job {} failed: {}", jobId, message);
        loader.recordFailure(r, completedAt);
        LoadResult settled = settle(r);
        summary.add(settled);
        return settled.status() == LoadResult.Status.QUARANTINED;
    }

    /** @return whether the failure is the job's data listing answering 404 (ERR_RESOURCE_NOT_EXIST) */
    static boolean isGoneListing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataConnectorException d && d.getStatusCode() == 404
                && "listJobFiles".equals(d.getOperation())) {
                return true;
            }
        }
        return false;
    }
}
