package io.dataconnector.camel.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Writes a table's CSV in the dialect of real extracts: UTF-8 (with a BOM when asked), a header row of the column
 * names, records ending in LF, RFC 4180 quoting with doubled quotes (so CR and LF appear only inside quoted text),
 * {@link ValueShapes#QUOTED_EMPTY} written as {@code ""}; zero rows give a header-only file.
 */
final class CsvTableWriter {

    private static final int FLUSH_AT = 60_000;

    private CsvTableWriter() {
    }

    /** The whole CSV in memory (small tables). */
    static byte[] bytes(TableDefinition t, ExtractWorld world, Random random, boolean tricky, boolean bom, long rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(t, world, random, tricky, bom, rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Streams the CSV row by row into {@code out} (any number of rows; a few KB held at a time). */
    static void write(TableDefinition t, ExtractWorld world, Random random, boolean tricky, boolean bom, long rows,
                      OutputStream out) throws IOException {
        List<SchemaColumn> cols = t.columns();
        ValueShapes.Gen[] gens = new ValueShapes.Gen[cols.size()];
        StringBuilder sb = new StringBuilder(1 << 16);
        if (bom) {
            sb.append('\uFEFF');
        }
        for (int i = 0; i < cols.size(); i++) {
            gens[i] = ValueShapes.of(t, cols.get(i), i);
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, cols.get(i).name());
        }
        sb.append('\n');
        ValueShapes.Row row = new ValueShapes.Row(random, tricky, world);
        for (long r = 0; r < rows; r++) {
            row.index = r;
            for (int i = 0; i < gens.length; i++) {
                row.column = i;
                if (i > 0) {
                    sb.append(',');
                }
                appendField(sb, gens[i].next(row));
            }
            sb.append('\n');
            if (sb.length() > FLUSH_AT) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A header-only CSV of these column names. */
    static byte[] header(List<String> names, boolean bom) {
        StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendField(sb, names.get(i));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one RFC 4180 field; null or "" as nothing, {@link ValueShapes#QUOTED_EMPTY} as {@code ""}. */
    static void appendField(StringBuilder sb, String v) {
        if (v == null || v.isEmpty()) {
            return;
        }
        if (v.equals(ValueShapes.QUOTED_EMPTY)) {
            sb.append("\"\"");
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
}
