package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds job extracts: {@code README.html}, one {@code <group>_<table>.csv} per table, one
 * {@code schema_<group>_<table>.json} per table, custom files, and {@code autodesk_data_extract.zip} holding all
 * in-memory files.
 */
public final class ExtractGenerator {

    public static final String README = "README.html";
    public static final String ZIP = "autodesk_data_extract.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Replaces a table's CSV content (and optionally its schema) in extracts. */
    public record TableOverride(String csv, List<SchemaColumn> columns) {
    }

    /** Everything that decides an extract's content. */
    record Spec(long seed, long ordinal, String accountId, List<String> projectIds, List<String> serviceGroups,
                int rows, boolean tricky, boolean utf8Bom, List<String> tableFilter,
                Map<String, TableOverride> tableOverrides, Map<String, ContentSource> customFiles,
                Map<String, byte[]> extraZipEntries, Instant createdAt) {
    }

    private ExtractGenerator() {
    }

    /** The schema JSON file name of a table. */
    public static String schemaFileName(String table) {
        return "schema_" + table + ".json";
    }

    /** The built-in tables an extract holds for these service groups ("all" = every table; admin when none match). */
    public static List<TableDefinition> tablesFor(List<String> serviceGroups) {
        List<TableDefinition> all = Tables.all();
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
        Random world = new Random(spec.seed() * 1_000_003L + spec.ordinal());
        TableDefinition.RowContext idCtx = new TableDefinition.RowContext(world, 0, 0, false, null);
        int n = Math.max(1, spec.rows());
        List<String> projects = new ArrayList<>(spec.projectIds() == null ? List.of() : spec.projectIds());
        while (projects.size() < Math.min(n, 10)) {
            projects.add(Tables.uuid(idCtx));
        }
        List<String> users = new ArrayList<>();
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(Tables.uuid(idCtx));
            companies.add(Tables.uuid(idCtx));
        }
        TableDefinition.World w = new TableDefinition.World(spec.accountId(), projects, users, companies);

        List<TableDefinition> tables = new ArrayList<>(tablesFor(spec.serviceGroups()));
        if (spec.tableFilter() != null) {
            tables = new ArrayList<>(Tables.all().stream().filter(t -> spec.tableFilter().contains(t.name())).toList());
        }
        Extract extract = new Extract();
        Map<String, List<SchemaColumn>> schemas = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (TableDefinition t : tables) {
            TableOverride o = spec.tableOverrides().get(t.name());
            byte[] csv = o != null ? csvBytes(o.csv(), spec.utf8Bom()) : generateCsv(t, w, spec);
            List<SchemaColumn> cols = o != null && o.columns() != null ? o.columns() : t.columns();
            schemas.put(t.name(), cols);
            groups.put(t.name(), t.serviceGroup());
            extract.put(t.name() + ".csv", spec.createdAt(), ContentSource.of(csv));
        }
        for (Map.Entry<String, TableOverride> e : spec.tableOverrides().entrySet()) {
            if (!schemas.containsKey(e.getKey())) {
                TableOverride o = e.getValue();
                List<SchemaColumn> cols = o.columns() != null ? o.columns() : headerColumns(o.csv());
                schemas.put(e.getKey(), cols);
                groups.put(e.getKey(), e.getKey().contains("_") ? e.getKey().substring(0, e.getKey().indexOf('_'))
                        : e.getKey());
                extract.put(e.getKey() + ".csv", spec.createdAt(), ContentSource.of(csvBytes(o.csv(), spec.utf8Bom())));
            }
        }
        for (Map.Entry<String, List<SchemaColumn>> e : schemas.entrySet()) {
            extract.put(schemaFileName(e.getKey()), spec.createdAt(),
                    ContentSource.of(schemaJson(e.getKey(), groups.get(e.getKey()), e.getValue())));
        }
        extract.put(README, spec.createdAt(), ContentSource.of(readme(schemas)));
        for (Map.Entry<String, ContentSource> e : spec.customFiles().entrySet()) {
            extract.put(e.getKey(), spec.createdAt(), e.getValue());
        }
        if (extract.get(ZIP) == null) {
            extract.put(ZIP, spec.createdAt(), ContentSource.of(zip(extract, spec.extraZipEntries(), spec.createdAt())));
        }
        return extract;
    }

    /**
     * Writes a large extract to {@code dir} while generating it, never holding a table in memory: one
     * {@code <group>_<table>.csv} per entry of {@code rowsPerTable} (built-in table names, any row count), its
     * {@code schema_<table>.json}, {@code README.html} and {@code autodesk_data_extract.zip} holding them all (each CSV
     * is written to its file and to the ZIP in the same pass). Serve the files with
     * {@link DataConnectorSimulator#putCustomFile} and {@link ContentSource#ofFile}. Same content rules as
     * {@link #generateCsv} (tricky values, BOM, deterministic for a seed).
     *
     * @return file name → path, in name order
     */
    public static Map<String, Path> writeLargeExtract(Path dir, Map<String, Long> rowsPerTable, long seed,
                                                      boolean tricky, boolean utf8Bom, String accountId,
                                                      Instant createdAt) throws IOException {
        Files.createDirectories(dir);
        Random world = new Random(seed * 1_000_003L);
        TableDefinition.RowContext idCtx = new TableDefinition.RowContext(world, 0, 0, false, null);
        List<String> projects = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            if (i < 50) {
                projects.add(Tables.uuid(idCtx));
            }
            users.add(Tables.uuid(idCtx));
            companies.add(Tables.uuid(idCtx));
        }
        TableDefinition.World w = new TableDefinition.World(accountId, projects, users, companies);
        Map<String, Path> files = new java.util.TreeMap<>();
        Map<String, List<SchemaColumn>> schemas = new LinkedHashMap<>();
        Path zipFile = dir.resolve(ZIP);
        try (ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zipFile),
                1 << 16), StandardCharsets.UTF_8)) {
            zos.setLevel(6);
            for (Map.Entry<String, Long> e : rowsPerTable.entrySet()) {
                TableDefinition t = Tables.byName(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown table " + e.getKey() + " (built-in: "
                        + Tables.all().stream().map(TableDefinition::name).toList() + ")"));
                String name = t.name() + ".csv";
                Path csv = dir.resolve(name);
                ZipEntry ze = new ZipEntry(name);
                ze.setTime(createdAt.toEpochMilli());
                zos.putNextEntry(ze);
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                    OutputStream both = new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            file.write(b);
                            zos.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            file.write(b, off, len);
                            zos.write(b, off, len);
                        }
                    };
                    streamCsv(t, w, seed, tricky, utf8Bom, e.getValue(), both);
                }
                zos.closeEntry();
                files.put(name, csv);
                schemas.put(t.name(), t.columns());
                byte[] schema = schemaJson(t.name(), t.serviceGroup(), t.columns());
                files.put(schemaFileName(t.name()), writeEntry(dir, zos, schemaFileName(t.name()), schema, createdAt));
            }
            files.put(README, writeEntry(dir, zos, README, readme(schemas), createdAt));
        }
        files.put(ZIP, zipFile);
        return files;
    }

    private static Path writeEntry(Path dir, ZipOutputStream zos, String name, byte[] content, Instant time)
            throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(time.toEpochMilli());
        zos.putNextEntry(ze);
        zos.write(content);
        zos.closeEntry();
        return p;
    }

    /** One table's CSV, row by row into {@code out} (rows may exceed what fits in memory). */
    private static void streamCsv(TableDefinition t, TableDefinition.World w, long seed, boolean tricky, boolean bom,
                                  long rows, OutputStream out) throws IOException {
        Random r = new Random(seed * 31 + t.name().hashCode());
        StringBuilder sb = new StringBuilder(1 << 16);
        if (bom) {
            sb.append('\uFEFF');
        }
        List<TableDefinition.Column> cols = t.generators();
        for (int i = 0; i < cols.size(); i++) {
            sb.append(i > 0 ? "," : "").append(cols.get(i).schema.name());
        }
        sb.append('\n');
        for (long row = 0; row < rows; row++) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendField(sb, cols.get(i).gen.next(new TableDefinition.RowContext(r, (int) row, i, tricky, w)));
            }
            sb.append('\n');
            if (sb.length() > 60_000) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<SchemaColumn> headerColumns(String csv) {
        String header = csv.lines().findFirst().orElse("");
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<SchemaColumn> cols = new ArrayList<>();
        for (String h : header.split(",", -1)) {
            cols.add(SchemaColumn.of(h.replace("\"", ""), Tables.STRING));
        }
        return cols;
    }

    private static byte[] csvBytes(String csv, boolean bom) {
        return ((bom ? "\uFEFF" : "") + csv).getBytes(StandardCharsets.UTF_8);
    }

    /** Generates a table's CSV: RFC 4180 quoting, a header row, LF line ends, "" = NULL. */
    static byte[] generateCsv(TableDefinition t, TableDefinition.World w, Spec spec) {
        Random r = new Random(spec.seed() * 31 + spec.ordinal() * 0x9E3779B97F4A7C15L + t.name().hashCode());
        StringBuilder sb = new StringBuilder(spec.rows() * 200 + 256);
        if (spec.utf8Bom()) {
            sb.append('\uFEFF');
        }
        List<TableDefinition.Column> cols = t.generators();
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cols.get(i).schema.name());
        }
        sb.append('\n');
        for (int row = 0; row < spec.rows(); row++) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                String v = cols.get(i).gen.next(new TableDefinition.RowContext(r, row, i, spec.tricky(), w));
                appendField(sb, v);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one RFC 4180 field. */
    public static void appendField(StringBuilder sb, String v) {
        if (v == null || v.isEmpty()) {
            return;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.startsWith(" ") || v.endsWith(" ");
        if (quote) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
    }

    static byte[] schemaJson(String table, String group, List<SchemaColumn> cols) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("table", table);
        root.put("serviceGroup", group);
        root.put("file", table + ".csv");
        List<Map<String, Object>> list = new ArrayList<>();
        for (SchemaColumn c : cols) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type());
            m.put("nullable", c.nullable());
            m.put("description", c.description());
            list.add(m);
        }
        root.put("columns", list);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readme(Map<String, List<SchemaColumn>> schemas) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Data Connector extract</title></head>"
                + "<body>\n<h1>Autodesk Data Connector extract (simulated)</h1>\n<ul>\n");
        for (String t : schemas.keySet()) {
            sb.append("<li><a href=\"#").append(t).append("\">").append(t).append(".csv</a></li>\n");
        }
        sb.append("</ul>\n");
        for (Map.Entry<String, List<SchemaColumn>> e : schemas.entrySet()) {
            sb.append("<h2 id=\"").append(e.getKey()).append("\">").append(e.getKey()).append("</h2>\n")
                    .append("<table><tr><th>Column</th><th>Type</th><th>Nullable</th><th>Description</th></tr>\n");
            for (SchemaColumn c : e.getValue()) {
                sb.append("<tr><td>").append(html(c.name())).append("</td><td>").append(html(c.type()))
                        .append("</td><td>").append(c.nullable()).append("</td><td>").append(html(c.description()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static byte[] zip(Extract extract, Map<String, byte[]> extraEntries, Instant time) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Set<String> names = new TreeSet<>();
        try (ZipOutputStream zos = new ZipOutputStream(bos, StandardCharsets.UTF_8)) {
            for (Extract.Entry e : extract.entries()) {
                byte[] b = e.content().bytes();
                if (b == null || e.name().equals(ZIP)) {
                    continue; // streamed content is not packed
                }
                names.add(e.name());
                ZipEntry ze = new ZipEntry(e.name());
                ze.setTime(time.toEpochMilli());
                zos.putNextEntry(ze);
                zos.write(b);
                zos.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : extraEntries.entrySet()) {
                if (!names.add(e.getKey())) {
                    continue;
                }
                ZipEntry ze = new ZipEntry(e.getKey());
                ze.setTime(time.toEpochMilli());
                zos.putNextEntry(ze);
                zos.write(e.getValue());
                zos.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /**
     * A copy of a ZIP whose first entry has a wrong CRC-32, in its data descriptor (when present), its local
     * header (when set) and the central directory. {@link java.util.zip.ZipInputStream} then fails on that entry.
     */
    public static byte[] corruptFirstCrc(byte[] zip) {
        byte[] z = zip.clone();
        ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = z.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            z[z.length / 2] ^= 0x5A;
            return z;
        }
        int cd = b.getInt(eocd + 16);
        if (b.getInt(cd) != 0x02014b50) {
            return z;
        }
        int crc = b.getInt(cd + 16);
        int csize = b.getInt(cd + 20);
        int flags = b.getShort(cd + 8) & 0xffff;
        int lho = b.getInt(cd + 42);
        int bad = ~crc;
        b.putInt(cd + 16, bad);
        if (b.getInt(lho + 14) != 0) {
            b.putInt(lho + 14, bad);
        }
        if ((flags & 0x08) != 0) {
            int nameLen = b.getShort(lho + 26) & 0xffff;
            int extraLen = b.getShort(lho + 28) & 0xffff;
            int dd = lho + 30 + nameLen + extraLen + csize;
            if (b.getInt(dd) == 0x08074b50) {
                b.putInt(dd + 4, bad);
            } else {
                b.putInt(dd, bad);
            }
        }
        return z;
    }
}
