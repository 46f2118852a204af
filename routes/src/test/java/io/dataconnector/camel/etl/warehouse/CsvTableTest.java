package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV scanner reads exactly what commons-csv reads with {@link #FORMAT}, across buffer boundaries. */
class CsvTableTest {

    /** The format, as commons-csv spells it: RFC 4180, header row, empty unquoted field = null, quoted "" = "". */
    static final org.apache.commons.csv.CSVFormat FORMAT = org.apache.commons.csv.CSVFormat.RFC4180.builder()
            .setNullString("")
            .setQuoteMode(org.apache.commons.csv.QuoteMode.ALL_NON_NULL)
            .setIgnoreEmptyLines(true)
            .get();


    private static final String[] PIECES = {"", "a", "plain text", "Zoë Müller 日本", "😀 emoji", "\"", "\"\"", ",",
        "\n", "\r\n", "\r", " lead", "trail ", "x\"y", "2024-01-02 03:04:05.678 UTC",
        "11111111-1111-1111-1111-111111111111"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsWhatCommonsCsvReads(long seed) throws Exception {
        Random r = new Random(seed);
        int width = 1 + r.nextInt(6);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < width; i++) {
            csv.append(i > 0 ? "," : "").append("c").append(i);
        }
        csv.append(seed % 2 == 0 ? "\n" : "\r\n");
        int rows = 2000 + r.nextInt(3000);
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < width; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(field(r));
            }
            int eol = r.nextInt(20);
            csv.append(eol == 0 ? "\r\n" : eol == 1 ? "\r" : eol == 2 ? "\n\n" : "\n");
        }
        if (r.nextBoolean()) {
            csv.setLength(csv.length() - 1); // no final line end
            if (csv.charAt(csv.length() - 1) == '\r' || csv.charAt(csv.length() - 1) == '\n') {
                csv.setLength(csv.length() - 1);
            }
        }
        assertSameAsCommonsCsv((seed % 3 == 0 ? "\uFEFF" : "") + csv);
    }

    private static String field(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return ""; // NULL
        }
        if (kind == 1) {
            return "\"\""; // empty string
        }
        StringBuilder v = new StringBuilder();
        int n = r.nextInt(200) == 0 ? 10_000 + r.nextInt(70_000) : 1 + r.nextInt(4);
        while (v.length() < n) {
            v.append(PIECES[r.nextInt(PIECES.length)]);
        }
        String s = v.toString();
        if (kind < 6 || s.isEmpty()) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        String plain = s.replaceAll("[\",\r\n]", "");
        return plain.isEmpty() ? "p" : plain;
    }

    private static void assertSameAsCommonsCsv(String csv) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        String body = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(body)).setFormat(FORMAT).get()) {
            for (CSVRecord rec : p) {
                List<String> f = new ArrayList<>();
                rec.forEach(f::add);
                expected.add(f);
            }
        }
        List<List<String>> actual = new ArrayList<>();
        try (CsvTable t = CsvTable.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv")) {
            actual.add(t.header());
            for (CsvTable.Row row : t) {
                actual.add(java.util.Arrays.asList(row.fields()));
            }
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("record %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void lineNumbersCountEmbeddedAndBlankLines() throws Exception {
        String csv = "a,b\n1,\"x\ny\"\n\n2,z\r\n3,\"\"\n";
        try (CsvTable t = CsvTable.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv")) {
            List<Long> lines = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (CsvTable.Row row : t) {
                lines.add(row.line());
                second.add(row.fields()[1]);
            }
            assertThat(lines).containsExactly(2L, 5L, 6L);
            assertThat(second).containsExactly("x\ny", "z", "");
        }
    }

    @Test
    void badInputIsABadRowNamingTheLine() throws Exception {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n3,\"x\"y\n")).isInstanceOf(BadRowException.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> readAll("a,b\n1,2\n3\n")).isInstanceOf(BadRowException.class)
                .hasMessageContaining("line 3").hasMessageContaining("expected 2 fields, found 1");
        assertThatThrownBy(() -> readAll("a,b\n1,\"open\n")).isInstanceOf(BadRowException.class)
                .hasMessageContaining("line 2").hasMessageContaining("EOF");
        byte[] bad = "a,b\n1,2\n3,\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            try (CsvTable t = CsvTable.open(new ByteArrayInputStream(bad), "t.csv")) {
                t.forEach(row -> { });
            }
        }).isInstanceOf(BadRowException.class).hasMessageContaining("invalid UTF-8");
        assertThatThrownBy(() -> readAll("")).isInstanceOf(BadRowException.class).hasMessageContaining("no header");
    }

    private static void readAll(String csv) throws Exception {
        try (CsvTable t = CsvTable.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv")) {
            t.forEach(row -> { });
        }
    }
}
