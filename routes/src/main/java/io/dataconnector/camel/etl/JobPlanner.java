package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.etl.extract.ExtractMetadata;
import io.dataconnector.camel.etl.warehouse.Identifiers;
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
 * snapshot), and for one job which files to fetch.
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

    /** @return the successful jobs not fully loaded yet, oldest completion first */
    public List<Job> pendingJobs(List<Job> jobs) throws SQLException {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs == null ? List.<Job>of() : jobs) {
            if (j.isSuccessful() && j.getId() != null && !loader.doneFiles(j.getId()).contains(JOB_MARKER)) {
                out.add(j);
            }
        }
        out.sort(Comparator.comparing(JobPlanner::completion, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    private static Instant completion(Job j) {
        return j.getCompletedAt() != null ? j.getCompletedAt() : j.getCreatedAt();
    }

    /** Starts a job's work: its own directory under {@code etl.work-dir}. */
    public JobWork start(Job job) throws IOException {
        if (!SAFE_ID.matcher(job.getId()).matches()) {
            throw new IllegalArgumentException("Refusing a job id with unexpected characters");
        }
        Path dir = settings.workDir().resolve(job.getId());
        Files.createDirectories(dir);
        return new JobWork(job, dir);
    }

    /** Chooses the files to fetch from a job's data listing. */
    public JobPlan plan(JobWork work, List<ExtractFile> listing) throws SQLException {
        Set<String> done = loader.doneFiles(work.getJobId());
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
            if (!name.toLowerCase().endsWith(".csv") || name.contains("/") || name.contains("\\")
                || ExtractMetadata.isPackageFile(name)) {
                continue; // README.html, the ZIP, schema documents and metadata.csv are never tables
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
     * A listed CSV whose name can never be a table (an invalid identifier, e.g. an SQL injection attempt): recorded
     * once as failed in the history and the run summary (so the run exits 1), without holding the job back, since no
     * retry can make the name valid.
     */
    private void refused(JobWork work, ExtractFile f, String why, Set<String> done) {
        String name = f.getName().length() > 200 ? f.getName().substring(0, 200) + "…" : f.getName();
        if (done.contains(name)) {
            return;
        }
        Instant now = Instant.now();
        LoadResult r = new LoadResult(work.getJobId(), work.getJob().getRequestId(), name, null,
                LoadResult.Status.FAILED, 0, f.getSize() == null ? 0 : f.getSize(), now, now, why + "; not loaded");
        summary.add(r);
        loader.recordFailure(r, work.getJob().getCompletedAt());
    }

    /** After a job: marks it done in the history when every wanted table is loaded. */
    public void finish(JobWork work) {
        if (work.hasFailures()) {
            return;
        }
        Instant now = Instant.now();
        TestHooks.pauseAt("before-job-done", JOB_MARKER);
        loader.recordJobDone(new LoadResult(work.getJobId(), work.getJob().getRequestId(), JOB_MARKER, null,
                LoadResult.Status.LOADED, work.getResults().stream().mapToLong(LoadResult::rows).sum(),
                0, work.getStarted(), now, null), work.getJob().getCompletedAt());
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

    /** A job-level failure (listing, download, unzip): recorded in the summary and the history. */
    public void failed(JobWork work, Job job, Exception e) {
        String jobId = job != null ? job.getId() : work != null ? work.getJobId() : "?";
        String requestId = job != null ? job.getRequestId() : null;
        Instant started = work != null ? work.getStarted() : Instant.now();
        String message = e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("Job {} failed: {}", jobId, message);
        LoadResult r = LoadResult.jobFailure(jobId, requestId, JOB_MARKER, started, message);
        summary.add(r);
        loader.recordFailure(r, job != null ? job.getCompletedAt() : null);
    }
}
