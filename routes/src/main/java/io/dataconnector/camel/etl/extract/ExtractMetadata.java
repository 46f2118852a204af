package io.dataconnector.camel.etl.extract;

import io.dataconnector.camel.etl.warehouse.CsvTable;
import io.dataconnector.camel.etl.warehouse.Values;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The extract's package file {@code metadata.csv} (columns {@code created_at}, {@code region} = {@code US} |
 * {@code EMEA}; source: {@code notes/real-extracts.md}): recorded with the job's history, never loaded as a table.
 *
 * @param createdAt when Autodesk created the extract (UTC), or null when absent or unreadable
 * @param region    the data's region as written, or null
 */
public record ExtractMetadata(Instant createdAt, String region) {

    /** The package file's name at the ZIP root and in the data listing. */
    public static final String FILE_NAME = "metadata.csv";

    /** @return whether the name is one of the extract's package files (never a table) */
    public static boolean isPackageFile(String name) {
        return FILE_NAME.equalsIgnoreCase(name);
    }

    /**
     * Reads the first data row (the stream is not closed by this method's caller's contract: it is read to its end).
     *
     * @throws IOException when it is not a CSV with a header row
     */
    public static ExtractMetadata read(InputStream in) throws IOException {
        try (CsvTable csv = CsvTable.open(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, FILE_NAME)) {
            List<String> header = csv.header();
            int created = header.indexOf("created_at");
            int region = header.indexOf("region");
            for (CsvTable.Row row : csv) {
                String[] f = row.fields();
                Instant at = null;
                if (created >= 0 && created < f.length && f[created] != null && !f[created].isBlank()) {
                    try {
                        at = Values.timestamp(f[created]).toInstant(ZoneOffset.UTC);
                    } catch (IllegalArgumentException e) {
                        at = null;
                    }
                }
                return new ExtractMetadata(at, region >= 0 && region < f.length ? f[region] : null);
            }
            return new ExtractMetadata(null, null);
        }
    }
}
