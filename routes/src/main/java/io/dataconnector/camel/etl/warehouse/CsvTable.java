package io.dataconnector.camel.etl.warehouse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * One extract CSV opened for streaming (commons-csv, the parser camel-csv uses): the header is read at once, rows
 * are read one at a time as they are iterated, so a table of any size takes constant memory.
 * <p>
 * Dialect: UTF-8 (malformed bytes are an error), an optional BOM, a header row, RFC 4180 quoting with embedded
 * newlines; an empty unquoted field is {@code null}, a quoted empty field ({@code ""}) is the empty string.
 */
public final class CsvTable implements Closeable, Iterable<CsvTable.Row> {

    /** The format: RFC 4180, header row, empty unquoted field = null, quoted "" = "". */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setIgnoreEmptyLines(true)
            .get();

    /** A parsed row: its fields (null = NULL) and the line it starts on. */
    public record Row(String[] fields, long line) {
    }

    private final String fileName;
    private final CSVParser parser;
    private final List<String> header;
    private boolean iterated;

    private CsvTable(String fileName, CSVParser parser, List<String> header) {
        this.fileName = fileName;
        this.parser = parser;
        this.header = header;
    }

    /** Opens a CSV file; {@code fileName} is the extract file name used in messages. */
    public static CsvTable open(Path csv, String fileName) throws IOException {
        return open(Files.newInputStream(csv), fileName);
    }

    /** Opens a CSV stream (closed by {@link #close()}). */
    public static CsvTable open(InputStream in, String fileName) throws IOException {
        InputStream body = skipBom(new BufferedInputStream(in, 1 << 16));
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        Iterator<CSVRecord> it = parser.iterator();
        try {
            if (!it.hasNext()) {
                parser.close();
                throw new BadRowException(fileName, 1, "no header row");
            }
            CSVRecord first = it.next();
            List<String> names = new ArrayList<>(first.size());
            Set<String> seen = new HashSet<>();
            for (String h : first) {
                String name = Identifiers.validate("column of " + fileName, h);
                if (!seen.add(name)) {
                    throw new BadRowException(fileName, 1, "duplicate column '" + name + "'");
                }
                names.add(name);
            }
            return new CsvTable(fileName, parser, Collections.unmodifiableList(names));
        } catch (IllegalArgumentException e) {
            parser.close();
            throw new BadRowException(fileName, 1, e.getMessage());
        } catch (UncheckedIOException e) {
            parser.close();
            throw new BadRowException(fileName, 1, "unreadable header: " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF)) {
            in.reset();
        }
        return in;
    }

    public String fileName() {
        return fileName;
    }

    /** @return the validated, lower-cased column names of the header row */
    public List<String> header() {
        return header;
    }

    /** Iterates the rows once; a row with the wrong number of fields or undecodable text is a {@link BadRowException}. */
    @Override
    public Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("A CsvTable can be iterated once");
        }
        iterated = true;
        Iterator<CSVRecord> records = parser.iterator();
        int width = header.size();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw new BadRowException(fileName, parser.getCurrentLineNumber() + 1, describe(e));
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CSVRecord r;
                try {
                    r = records.next();
                } catch (UncheckedIOException e) {
                    throw new BadRowException(fileName, parser.getCurrentLineNumber() + 1, describe(e));
                }
                // CSVRecord has no start line: the parser's line count minus the newlines inside the record
                long line = r.getCharacterPosition() >= 0 ? lineOf(r) : parser.getCurrentLineNumber();
                if (r.size() != width) {
                    throw new BadRowException(fileName, line, "expected " + width + " fields, found " + r.size());
                }
                String[] f = new String[width];
                for (int i = 0; i < width; i++) {
                    f[i] = r.get(i);
                }
                return new Row(f, line);
            }
        };
    }

    private long lineOf(CSVRecord r) {
        long end = parser.getCurrentLineNumber();
        long inner = 0;
        for (String v : r) {
            if (v != null) {
                for (int i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) {
                    inner++; // indexOf is vectorised: most values have no newline and cost one scan
                }
            }
        }
        // getCurrentLineNumber counts the line breaks read so far: the record's last line is `end` (1-based after
        // the header's own line break) when the parser stopped at its terminating newline
        return Math.max(1, end - inner);
    }

    private static String describe(UncheckedIOException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        String m = c.getMessage();
        if (c instanceof java.nio.charset.CharacterCodingException) {
            m = "invalid UTF-8 (" + c.getClass().getSimpleName() + ")";
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
