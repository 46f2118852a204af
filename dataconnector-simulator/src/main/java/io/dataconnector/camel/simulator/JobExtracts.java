package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the data extract of a successful job (generated tables plus custom files and tables) and caches it on the
 * job until something it depends on changes. Callers hold the state lock.
 */
final class JobExtracts {

    private final SimulatorSettings settings;
    private final Map<String, ContentSource> customFiles = new LinkedHashMap<>();
    private final Map<String, ExtractGenerator.TableOverride> customTables = new LinkedHashMap<>();

    JobExtracts(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** A file for every job's extract. */
    void putCustomFile(String name, ContentSource content) {
        customFiles.put(name, content);
    }

    /** A table replaced (or added) in every job's extract. */
    void putCustomTable(String table, ExtractGenerator.TableOverride override) {
        customTables.put(table, override);
    }

    static boolean hasExtract(JobState j) {
        return "complete".equals(j.status) && "success".equals(j.completionStatus);
    }

    /** The job's extract; IllegalStateException when it did not complete successfully. */
    Extract of(JobState j) {
        if (!hasExtract(j)) {
            throw new IllegalStateException("Job " + j.id + " has no extract (" + j.status + "/"
                    + j.completionStatus + ")");
        }
        if (j.extract == null) {
            Map<String, ExtractGenerator.TableOverride> tables = new LinkedHashMap<>(customTables);
            tables.putAll(j.customTables);
            Map<String, ContentSource> files = new LinkedHashMap<>(customFiles);
            files.putAll(j.customFiles);
            j.extract = ExtractGenerator.build(new ExtractGenerator.Spec(settings.seed, j.seq, settings.accountId,
                    j.projectIdList != null ? j.projectIdList : j.projectId != null ? List.of(j.projectId) : null,
                    j.serviceGroups, settings.rowsPerTable, settings.trickyValues, settings.utf8Bom,
                    settings.extractTables, tables, files, j.extraZipEntries, j.completedAt,
                    DateWindow.of(j.startDate, j.endDate, j.createdAt), settings.fullExtract, settings.region,
                    settings.legacySchemaFiles));
        }
        return j.extract;
    }
}
