package io.dataconnector.camel.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading generated extracts in tests: CSV text without its BOM, parsed rows, timestamps of every real form. */
final class ExtractFixtures {

    static final String BOM = "\uFEFF";
    private static final Pattern UTC = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?) UTC");
    private static final Pattern PG = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})?)\\+00");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]"
            + "[.SSSSS][.SSSS][.SSS][.SS][.S]", Locale.ROOT);

    private ExtractFixtures() {
    }

    static String text(byte[] csv) {
        String s = new String(csv, StandardCharsets.UTF_8);
        return s.startsWith(BOM) ? s.substring(1) : s;
    }

    static List<List<String>> rows(byte[] csv) {
        return CsvTestParser.parse(text(csv));
    }

    /** The CSV files of a ZIP's entries (or a listing's files), name → bytes. */
    static Map<String, byte[]> csvs(Map<String, byte[]> entries) {
        Map<String, byte[]> out = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.endsWith(".csv") && !k.equals("metadata.csv")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** An extract timestamp ({@code ... UTC} with 0-6 fraction digits, or PostgreSQL-style {@code ...+00}). */
    static Instant parseTimestamp(String s) {
        Matcher m = UTC.matcher(s);
        if (!m.matches()) {
            m = PG.matcher(s);
        }
        if (!m.matches()) {
            throw new AssertionError("Not an extract timestamp: " + s);
        }
        return LocalDateTime.parse(m.group(1), LOCAL).toInstant(ZoneOffset.UTC);
    }

    static Instant iso(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }
}
