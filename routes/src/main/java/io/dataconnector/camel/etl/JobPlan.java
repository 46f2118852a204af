package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.model.ExtractFile;
import java.util.List;
import java.util.Map;

/**
 * What to fetch for one job: the CSVs still to load (matching the table patterns, not yet in the load history) with
 * their schema descriptions, and whether to take them from the extract's ZIP or one by one.
 *
 * @param csvFiles    the CSVs to load, in name order
 * @param schemaFiles csv name → its schema JSON file (when listed)
 * @param zip         the ZIP holding every file, or null to fetch the files one by one
 */
public record JobPlan(List<ExtractFile> csvFiles, Map<String, ExtractFile> schemaFiles, ExtractFile zip) {

    public boolean isEmpty() {
        return csvFiles.isEmpty();
    }

    public boolean isUseZip() {
        return zip != null;
    }

    /** @return the files to fetch one by one: each CSV preceded by its schema JSON */
    public List<ExtractFile> individualFiles() {
        List<ExtractFile> out = new java.util.ArrayList<>();
        for (ExtractFile csv : csvFiles) {
            ExtractFile schema = schemaFiles.get(csv.getName());
            if (schema != null) {
                out.add(schema);
            }
            out.add(csv);
        }
        return out;
    }
}
