package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.etl.extract.ExtractMetadata;
import io.dataconnector.camel.etl.extract.SchemaDocs;
import io.dataconnector.camel.etl.warehouse.CsvNumberProfiles;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import io.dataconnector.camel.etl.warehouse.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The state of one job going through the routes: the planner of its account's warehouse schema, its plan, its private
 * work directory (deleted at the end), the files spooled there, and the results of its tables.
 */
public final class JobWork {

    private final Job job;
    private final Path dir;
    private final JobPlanner planner;
    private final Instant started = Instant.now();
    private JobPlan plan;
    private final Map<String, Path> spooled = new ConcurrentHashMap<>();
    /** Legacy per-table schema descriptions read straight from the ZIP: a TableSchema, or the error reading it. */
    private final Map<String, Object> described = new ConcurrentHashMap<>();
    /** The schema documents the extract ships ({@code docs/schemas/<group>.html|json}). */
    private final SchemaDocs schemaDocs = new SchemaDocs();
    private volatile ExtractMetadata metadata;
    private final Set<String> loadedEarly = ConcurrentHashMap.newKeySet();
    private final List<LoadResult> results = Collections.synchronizedList(new ArrayList<>());

    JobWork(Job job, Path dir, JobPlanner planner) {
        this.job = job;
        this.dir = dir;
        this.planner = planner;
    }

    /** @return the planner of the job's account and warehouse schema */
    JobPlanner planner() {
        return planner;
    }

    /** @return the warehouse schema the job loads into */
    public String getSchema() {
        return planner.settings().schema();
    }

    /** @return the ACC account the job belongs to, as written in the load history (empty when unknown) */
    public String getAccountId() {
        String id = planner.settings().accountId();
        return id == null ? "" : id;
    }

    public Job getJob() {
        return job;
    }

    public String getJobId() {
        return job.getId();
    }

    public Path getDir() {
        return dir;
    }

    public Instant getStarted() {
        return started;
    }

    public JobPlan getPlan() {
        return plan;
    }

    void setPlan(JobPlan plan) {
        this.plan = plan;
    }

    /** @return whether the plan wants this extract file (a wanted CSV or the schema JSON of one) */
    public boolean wants(String fileName) {
        if (plan == null) {
            return false;
        }
        for (ExtractFile f : plan.csvFiles()) {
            if (f.getName().equals(fileName)) {
                return true;
            }
        }
        return plan.schemaFiles().values().stream().anyMatch(f -> f.getName().equals(fileName));
    }

    /** A file of the extract now on local disk. */
    public void spooled(String fileName, Path path) {
        spooled.put(fileName, path);
    }

    /** A schema description of the extract read straight from the ZIP (kept in memory, it is small). */
    public void described(String fileName, TableSchema schema) {
        described.put(fileName, schema);
    }

    /** A schema description that could not be read: the error is raised when its table's load request is made. */
    public void described(String fileName, Exception unreadable) {
        described.put(fileName, unreadable);
    }

    /** @return the extract's schema documents read so far */
    public SchemaDocs getSchemaDocs() {
        return schemaDocs;
    }

    /** The extract's {@code metadata.csv}, read from the ZIP. */
    public void setMetadata(ExtractMetadata metadata) {
        this.metadata = metadata;
    }

    /** @return the extract's {@code metadata.csv}, or null when the extract has none */
    public ExtractMetadata getMetadata() {
        return metadata;
    }

    /** @return the wanted CSVs not loaded from the ZIP nor spooled (listed, but missing from the extract) */
    public List<ExtractFile> missingCsvs() {
        List<ExtractFile> out = new ArrayList<>();
        for (ExtractFile csv : plan.csvFiles()) {
            if (!loadedEarly.contains(csv.getName()) && !spooled.containsKey(csv.getName())) {
                out.add(csv);
            }
        }
        return out;
    }

    public Path spooledFile(String fileName) {
        return spooled.get(fileName);
    }

    /** @return whether the plan loads this file as a table (a wanted CSV, not a schema description) */
    public boolean isWantedCsv(String fileName) {
        return plan != null && plan.csvFiles().stream().anyMatch(f -> f.getName().equals(fileName));
    }

    /**
     * The load request of one wanted CSV already spooled (with its schema description when spooled before it); the
     * CSV then counts as handled, and {@link #loadRequests()} leaves it out. Used by the ZIP path, which loads each
     * CSV as soon as it is unpacked and deletes it right after.
     */
    public LoadRequest takeLoadRequest(String csvName) throws IOException {
        for (ExtractFile csv : plan.csvFiles()) {
            if (csv.getName().equals(csvName)) {
                LoadRequest r = loadRequest(csv);
                loadedEarly.add(csvName);
                return r;
            }
        }
        throw new IOException(csvName + " is not a wanted CSV of this job");
    }

    /**
     * The load request of one wanted CSV read as a stream straight from the ZIP (no temp file), with its schema
     * description when read before it; the CSV then counts as handled, like {@link #takeLoadRequest(String)}.
     */
    public LoadRequest takeStreamedLoadRequest(String csvName, LoadRequest.Source source, long bytes)
            throws IOException {
        for (ExtractFile csv : plan.csvFiles()) {
            if (csv.getName().equals(csvName)) {
                LoadRequest r = new LoadRequest(job.getId(), job.getRequestId(), job.getCompletedAt(), csv.getName(),
                        null, bytes, schemaOf(csv), source);
                loadedEarly.add(csvName);
                return r;
            }
        }
        throw new IOException(csvName + " is not a wanted CSV of this job");
    }

    /**
     * @return whether a wanted CSV's table may have {@code number} columns: its schema declares one, or it has none
     *         that types it (the types are then inferred from the data), or its schema cannot be read
     */
    public boolean mayHaveNumbers(String csvName) {
        for (ExtractFile csv : plan.csvFiles()) {
            if (csv.getName().equals(csvName)) {
                try {
                    TableSchema schema = schemaOf(csv);
                    boolean declared = schema.columns().stream()
                            .anyMatch(c -> c.type() == io.dataconnector.camel.etl.warehouse.ColumnType.NUMBER);
                    return declared || !(schema.isDocumented() || schema.isTyped());
                } catch (IOException | RuntimeException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Deletes a spooled file once loaded (the ZIP path keeps at most the entries being loaded on disk). */
    public void release(String fileName) {
        Path p = spooled.remove(fileName);
        if (p != null) {
            CsvNumberProfiles.forget(p);
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // removed with the work directory at the latest
            }
        }
    }

    public List<LoadResult> getResults() {
        return results;
    }

    public boolean hasFailures() {
        return results.stream().anyMatch(LoadResult::isFailure);
    }

    /**
     * @return one load request per wanted CSV fetched but not loaded yet, with its schema; CSVs missing from what was
     *         fetched are left out ({@link #missingCsvs()})
     */
    public List<LoadRequest> loadRequests() throws IOException {
        List<LoadRequest> out = new ArrayList<>();
        for (ExtractFile csv : plan.csvFiles()) {
            if (!loadedEarly.contains(csv.getName()) && spooled.containsKey(csv.getName())) {
                out.add(loadRequest(csv));
            }
        }
        return out;
    }


    private LoadRequest loadRequest(ExtractFile csv) throws IOException {
        Path p = spooled.get(csv.getName());
        if (p == null) {
            throw new IOException(csv.getName() + " is listed but was not found in the fetched extract");
        }
        return new LoadRequest(job.getId(), job.getRequestId(), job.getCompletedAt(), csv.getName(), p,
                Files.size(p), schemaOf(csv));
    }

    /**
     * The column types of a CSV: from the extract's schema documents, else from a legacy per-table description
     * (spooled, or read from the ZIP); untyped when none (the loader then infers them from the data).
     */
    private TableSchema schemaOf(ExtractFile csv) throws IOException {
        java.util.Optional<TableSchema> documented = schemaDocs.forTable(
                io.dataconnector.camel.etl.warehouse.Identifiers.tableOf(csv.getName()));
        if (documented.isPresent()) {
            return documented.get();
        }
        ExtractFile schemaFile = plan.schemaFiles().get(csv.getName());
        if (schemaFile == null) {
            return TableSchema.untyped();
        }
        Path sp = spooled.get(schemaFile.getName());
        if (sp != null) {
            try (InputStream in = Files.newInputStream(sp)) {
                return TableSchema.read(in);
            } catch (IOException e) {
                throw unreadable(schemaFile, e);
            }
        }
        Object d = described.get(schemaFile.getName());
        if (d instanceof TableSchema schema) {
            return schema;
        }
        if (d instanceof IOException e) {
            throw unreadable(schemaFile, e);
        }
        if (d instanceof RuntimeException e) {
            throw e;
        }
        return TableSchema.untyped();
    }

    private static IOException unreadable(ExtractFile schemaFile, IOException e) {
        return new IOException("Unreadable schema description " + schemaFile.getName() + ": " + e.getMessage(), e);
    }

    /** Deletes the work directory and everything in it. */
    public void cleanup() {
        spooled.values().forEach(CsvNumberProfiles::forget);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file must not fail the load
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
