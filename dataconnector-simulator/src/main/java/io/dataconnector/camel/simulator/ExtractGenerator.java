package io.dataconnector.camel.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipOutputStream;

/**
 * Builds job extracts laid out like Autodesk's:
 * <ul>
 *   <li>the data listing: {@code README.html}, one {@code <group>_<table>.csv} per table, {@code metadata.csv},
 *   custom files and {@code autodesk_data_extract.zip};</li>
 *   <li>the ZIP: the CSVs and {@code metadata.csv} at its root, {@code docs/README.html}, and per service group
 *   present {@code docs/schemas/<group>.html} and {@code docs/schemas/<group>.json} ({@link SchemaDocs}), plus the
 *   in-memory custom files and a test's extra entries.</li>
 * </ul>
 * Tables come from {@link TableCatalogue}, values from {@link ValueShapes}, CSVs from {@link CsvTableWriter}.
 * Date-range tables (activities, cdc*) hold only rows of the job's {@link DateWindow}. Deterministic for a seed.
 */
public final class ExtractGenerator {

    public static final String README = "README.html";
    public static final String ZIP = "autodesk_data_extract.zip";
    public static final String METADATA = "metadata.csv";
    /** The readme's name inside the ZIP. */
    public static final String ZIP_README = "docs/README.html";
    /** Rows of each table a full extract adds to the representative ones (at most). */
    static final int FULL_EXTRA_ROWS = 5;

    /**
     * Replaces a table's CSV content in extracts; {@code columns} (null = taken from the CSV's header, all
     * {@code string}, unless the header is the catalogue table's) describe it in its group's schema documents.
     */
    public record TableOverride(String csv, List<SchemaColumn> columns) {
    }

    /** Everything that decides an extract's content. */
    record Spec(long seed, long ordinal, String accountId, List<String> projectIds, List<String> serviceGroups,
                int rows, boolean tricky, boolean utf8Bom, List<String> tableFilter,
                Map<String, TableOverride> tableOverrides, Map<String, ContentSource> customFiles,
                Map<String, byte[]> extraZipEntries, Instant createdAt, DateWindow window, boolean full,
                String region, boolean legacySchemaFiles) {
    }

    private ExtractGenerator() {
    }

    /** The legacy per-table schema file name ({@code schema_<table>.json}); see the legacy option. */
    public static String schemaFileName(String table) {
        return LegacySchemaFiles.fileName(table);
    }

    /** The representative tables an extract holds for these service groups. */
    public static List<TableDefinition> tablesFor(List<String> serviceGroups) {
        return tablesFor(serviceGroups, false);
    }

    /**
     * The tables an extract holds for these service groups ("all" or none = every table; admin when none match),
     * from the full catalogue (about 300 tables) or the representative one.
     */
    public static List<TableDefinition> tablesFor(List<String> serviceGroups, boolean full) {
        List<TableDefinition> all = TableCatalogue.of(full);
        if (serviceGroups == null || serviceGroups.isEmpty() || serviceGroups.contains("all")) {
            return all;
        }
        List<TableDefinition> out = all.stream().filter(t -> serviceGroups.contains(t.serviceGroup())).toList();
        if (out.isEmpty()) {
            out = all.stream().filter(t -> t.serviceGroup().equals("admin")).toList();
        }
        return out;
    }

    static Extract build(Spec spec) {
        int n = Math.max(1, spec.rows());
        ExtractWorld world = ExtractWorld.create(new Random(spec.seed() * 1_000_003L + spec.ordinal()),
                spec.accountId(), spec.projectIds(), Math.min(n, 10), n, spec.createdAt(), spec.window());
        List<TableDefinition> tables = spec.tableFilter() == null ? tablesFor(spec.serviceGroups(), spec.full())
                : TableCatalogue.of(spec.full()).stream().filter(t -> spec.tableFilter().contains(t.name())).toList();
        Set<String> representative = new HashSet<>();
        TableCatalogue.representative().forEach(t -> representative.add(t.name()));

        Map<String, TableDefinition> documented = new TreeMap<>();
        Extract extract = new Extract();
        for (TableDefinition t : tables) {
            TableOverride o = spec.tableOverrides().get(t.name());
            byte[] csv;
            if (o != null) {
                csv = csvBytes(o.csv(), spec.utf8Bom());
                t = t.withColumns(overrideColumns(o, t));
            } else {
                long rows = t.headerOnly() ? 0 : representative.contains(t.name()) ? spec.rows()
                        : Math.min(spec.rows(), FULL_EXTRA_ROWS);
                Random r = new Random(spec.seed() * 31 + spec.ordinal() * 0x9E3779B97F4A7C15L + t.name().hashCode());
                csv = CsvTableWriter.bytes(t, world, r, spec.tricky(), spec.utf8Bom(), rows);
            }
            documented.put(t.name(), t);
            extract.put(t.csvName(), spec.createdAt(), ContentSource.of(csv));
        }
        for (Map.Entry<String, TableOverride> e : spec.tableOverrides().entrySet()) {
            if (!documented.containsKey(e.getKey())) {
                TableDefinition t = customTable(e.getKey(), e.getValue());
                documented.put(t.name(), t);
                extract.put(t.csvName(), spec.createdAt(), ContentSource.of(csvBytes(e.getValue().csv(),
                        spec.utf8Bom())));
            }
        }
        Map<String, List<TableDefinition>> byGroup = byGroup(documented.values());
        extract.put(METADATA, spec.createdAt(), ContentSource.of(SchemaDocs.metadata(spec.createdAt(), spec.region(),
                spec.utf8Bom())));
        extract.put(README, spec.createdAt(), ContentSource.of(SchemaDocs.readme(byGroup, spec.createdAt())));
        if (spec.legacySchemaFiles()) {
            for (TableDefinition t : documented.values()) {
                extract.put(LegacySchemaFiles.fileName(t.name()), spec.createdAt(),
                        ContentSource.of(LegacySchemaFiles.json(t)));
            }
        }
        for (Map.Entry<String, ContentSource> e : spec.customFiles().entrySet()) {
            extract.put(e.getKey(), spec.createdAt(), e.getValue());
        }
        if (extract.get(ZIP) == null) {
            extract.put(ZIP, spec.createdAt(), ContentSource.of(ExtractZip.pack(zipEntries(extract, byGroup),
                    spec.extraZipEntries(), spec.createdAt())));
        }
        return extract;
    }

    /** The ZIP's entries: every in-memory listed file (the readme under docs/), then the schema documents. */
    private static Map<String, byte[]> zipEntries(Extract extract, Map<String, List<TableDefinition>> byGroup) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Extract.Entry e : extract.entries()) {
            byte[] b = e.content().bytes();
            if (b != null && !e.name().equals(ZIP)) {
                entries.put(e.name().equals(README) ? ZIP_README : e.name(), b);
            }
        }
        byGroup.forEach((g, ts) -> {
            entries.put(schemaDocName(g, "html"), SchemaDocs.html(g, ts));
            entries.put(schemaDocName(g, "json"), SchemaDocs.json(ts));
        });
        return entries;
    }

    /** {@code docs/schemas/<group>.<format>}. */
    public static String schemaDocName(String group, String format) {
        return "docs/schemas/" + group + "." + format;
    }

    /** The tables per service group (group order), each group's tables by name. */
    static Map<String, List<TableDefinition>> byGroup(Collection<TableDefinition> tables) {
        Map<String, List<TableDefinition>> out = new TreeMap<>();
        for (TableDefinition t : tables) {
            out.computeIfAbsent(t.serviceGroup(), g -> new ArrayList<>()).add(t);
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(TableDefinition::docName)));
        return out;
    }

    private static List<SchemaColumn> overrideColumns(TableOverride o, TableDefinition t) {
        if (o.columns() != null) {
            return o.columns();
        }
        List<SchemaColumn> header = headerColumns(o.csv());
        boolean same = header.stream().map(SchemaColumn::name).toList()
                .equals(t.columns().stream().map(SchemaColumn::name).toList());
        return same ? t.columns() : header;
    }

    /** A table only a test knows: group = the name up to the first '_' (the whole name when there is none). */
    private static TableDefinition customTable(String name, TableOverride o) {
        int us = name.indexOf('_');
        String group = us > 0 ? name.substring(0, us) : name;
        String doc = us > 0 ? name.substring(us + 1) : name;
        List<SchemaColumn> cols = o.columns() != null ? o.columns() : headerColumns(o.csv());
        return new TableDefinition(group, doc, "Custom table " + name + ".", cols, false);
    }

    private static List<SchemaColumn> headerColumns(String csv) {
        String header = csv.lines().findFirst().orElse("");
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<SchemaColumn> cols = new ArrayList<>();
        for (String h : header.split(",", -1)) {
            cols.add(SchemaColumn.of(h.replace("\"", ""), "string"));
        }
        return cols;
    }

    private static byte[] csvBytes(String csv, boolean bom) {
        return ((bom && !csv.startsWith("\uFEFF") ? "\uFEFF" : "") + csv).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a large extract to {@code dir} while generating it, never holding a table in memory: one
     * {@code <group>_<table>.csv} per entry of {@code rowsPerTable} (catalogue table names, full catalogue, any row
     * count), {@code metadata.csv}, {@code README.html} and {@code autodesk_data_extract.zip} holding them in the real
     * layout (CSVs and metadata.csv at the root, docs/README.html, docs/schemas/&lt;group&gt;.html|json); each CSV is
     * written to its file and to the ZIP in the same pass. Date-range tables hold rows of the day before
     * {@code createdAt}. Serve the files with {@link DataConnectorSimulator#putCustomFile} and
     * {@link ContentSource#ofFile}. Same value shapes as generated extracts; deterministic for a seed.
     *
     * @return listed file name → path, in name order (the schema documents are only inside the ZIP)
     * @throws IllegalArgumentException naming the table when a name is not in the catalogue
     */
    public static Map<String, Path> writeLargeExtract(Path dir, Map<String, Long> rowsPerTable, long seed,
                                                      boolean tricky, boolean utf8Bom, String accountId,
                                                      Instant createdAt) throws IOException {
        List<TableDefinition> tables = new ArrayList<>();
        for (String name : rowsPerTable.keySet()) {
            tables.add(TableCatalogue.byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown table " + name + " (representative tables: " + TableCatalogue.representative().stream()
                    .map(TableDefinition::name).toList() + ")")));
        }
        Files.createDirectories(dir);
        ExtractWorld world = ExtractWorld.create(new Random(seed * 1_000_003L), accountId, List.of(), 50, 10_000,
                createdAt, DateWindow.of(null, null, createdAt));
        Map<String, Path> files = new TreeMap<>();
        Path zipFile = dir.resolve(ZIP);
        try (ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zipFile),
                1 << 16), StandardCharsets.UTF_8)) {
            zos.setLevel(6);
            for (TableDefinition t : tables) {
                Path csv = dir.resolve(t.csvName());
                java.util.zip.ZipEntry ze = new java.util.zip.ZipEntry(t.csvName());
                ze.setTime(createdAt.toEpochMilli());
                zos.putNextEntry(ze);
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                    CsvTableWriter.write(t, world, new Random(seed * 31 + t.name().hashCode()), tricky, utf8Bom,
                            rowsPerTable.get(t.name()), new TeeOutputStream(file, zos));
                }
                zos.closeEntry();
                files.put(t.csvName(), csv);
            }
            Map<String, List<TableDefinition>> byGroup = byGroup(tables);
            files.put(METADATA, writeEntry(dir, zos, METADATA, METADATA,
                    SchemaDocs.metadata(createdAt, "US", utf8Bom), createdAt));
            files.put(README, writeEntry(dir, zos, README, ZIP_README, SchemaDocs.readme(byGroup, createdAt),
                    createdAt));
            for (Map.Entry<String, List<TableDefinition>> g : byGroup.entrySet()) {
                ExtractZip.put(zos, schemaDocName(g.getKey(), "html"), SchemaDocs.html(g.getKey(), g.getValue()),
                        createdAt);
                ExtractZip.put(zos, schemaDocName(g.getKey(), "json"), SchemaDocs.json(g.getValue()), createdAt);
            }
        }
        files.put(ZIP, zipFile);
        return files;
    }

    private static Path writeEntry(Path dir, ZipOutputStream zos, String fileName, String entryName, byte[] content,
                                   Instant time) throws IOException {
        Path p = dir.resolve(fileName);
        Files.write(p, content);
        ExtractZip.put(zos, entryName, content, time);
        return p;
    }

    /** Appends one RFC 4180 field (null or "" as nothing). */
    public static void appendField(StringBuilder sb, String v) {
        CsvTableWriter.appendField(sb, v);
    }

    /**
     * A copy of a ZIP whose first entry has a wrong CRC-32, in its data descriptor (when present), its local
     * header (when set) and the central directory. {@link java.util.zip.ZipInputStream} then fails on that entry.
     */
    public static byte[] corruptFirstCrc(byte[] zip) {
        return ExtractZip.corruptFirstCrc(zip);
    }

    /** Writes to two streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
