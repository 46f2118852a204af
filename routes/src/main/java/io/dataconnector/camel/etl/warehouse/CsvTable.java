package io.dataconnector.camel.etl.warehouse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
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

/**
 * One extract CSV opened for streaming: the header is read at once, rows are read one at a time as they are iterated,
 * so a table of any size takes constant memory.
 * <p>
 * Dialect: UTF-8 (malformed bytes are an error), an optional BOM, a header row, RFC 4180 quoting with embedded
 * newlines, line ends {@code \n}, {@code \r\n} or {@code \r}, blank lines skipped; an empty unquoted field is
 * {@code null}, a quoted empty field ({@code ""}) is the empty string. This is exactly commons-csv's reading of
 * RFC 4180 with null string "" and quote mode ALL_NON_NULL (the parser camel-csv uses, and the oracle of the tests,
 * see CsvTableTest), by a scanner of our own over a large char
 * buffer that makes one {@link String} per non-null field and nothing else per field: about twice as fast, which
 * matters because the parser is the ETL's own share of a load.
 */
public final class CsvTable implements Closeable, Iterable<CsvTable.Row> {

    /** A parsed row: its fields (null = NULL) and the line it starts on. */
    public record Row(String[] fields, long line) {
    }

    private static final int BUFFER = 1 << 16;

    private final String fileName;
    private final Reader reader;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int limit;
    private long line = 1;
    private long recordLine;
    private final StringBuilder sb = new StringBuilder(256);
    private final ArrayList<String> fields = new ArrayList<>();
    private List<String> header;
    private boolean iterated;

    private CsvTable(String fileName, Reader reader) {
        this.fileName = fileName;
        this.reader = reader;
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
        CsvTable t = new CsvTable(fileName, reader);
        try {
            String[] first;
            try {
                first = t.readRecord();
            } catch (IOException e) {
                throw new BadRowException(fileName, 1, "unreadable header: " + describe(e));
            }
            if (first == null) {
                throw new BadRowException(fileName, 1, "no header row");
            }
            List<String> names = new ArrayList<>(first.length);
            Set<String> seen = new HashSet<>();
            for (String h : first) {
                String name = Identifiers.validate("column of " + fileName, h);
                if (!seen.add(name)) {
                    throw new BadRowException(fileName, 1, "duplicate column '" + name + "'");
                }
                names.add(name);
            }
            t.header = Collections.unmodifiableList(names);
            return t;
        } catch (IllegalArgumentException e) {
            t.close();
            throw new BadRowException(fileName, 1, e.getMessage());
        } catch (RuntimeException e) {
            t.close();
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
        int width = header.size();
        return new Iterator<>() {
            private String[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = readRecord();
                    } catch (IOException e) {
                        throw new BadRowException(fileName, line, describe(e));
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String[] f = next;
                next = null;
                if (f.length != width) {
                    throw new BadRowException(fileName, recordLine, "expected " + width + " fields, found "
                                                                    + f.length);
                }
                return new Row(f, recordLine);
            }
        };
    }

    // ---------------------------------------------------------------- the scanner

    /** @return the next char without consuming it, -1 at the end */
    private int peek() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    /** Refills the (fully consumed) buffer. */
    private boolean fill() throws IOException {
        int n = reader.read(buf, 0, BUFFER);
        while (n == 0) {
            n = reader.read(buf, 0, BUFFER);
        }
        if (n < 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Consumes a line end at pos (\n, \r\n or \r). */
    private void endOfLine() throws IOException {
        char c = buf[pos++];
        if (c == '\r' && peek() == '\n') {
            pos++;
        }
        line++;
    }

    /** @return the next record's fields, null at the end; blank lines are skipped */
    String[] readRecord() throws IOException {
        int c;
        while ((c = peek()) == '\n' || c == '\r') {
            endOfLine();
        }
        if (c < 0) {
            return null;
        }
        recordLine = line;
        fields.clear();
        while (true) {
            if (peek() == '"') {
                pos++;
                quoted();
            } else {
                unquoted();
            }
            c = peek();
            if (c == ',') {
                pos++;
                if (peek() < 0) {
                    fields.add(null); // "a,<EOF>": a last empty field
                    break;
                }
                continue;
            }
            if (c == '\n' || c == '\r') {
                endOfLine();
            }
            break; // a line end or the end of the input
        }
        return fields.toArray(new String[0]);
    }

    /** A field up to the next delimiter or line end: "" is null. */
    private void unquoted() throws IOException {
        int start = pos;
        boolean spill = false;
        while (true) {
            while (pos < limit) {
                char ch = buf[pos];
                if (ch == ',' || ch == '\n' || ch == '\r') {
                    break;
                }
                pos++;
            }
            if (pos < limit) {
                break;
            }
            // the field goes on past the buffer: keep what we have and refill
            if (!spill) {
                sb.setLength(0);
                spill = true;
            }
            sb.append(buf, start, pos - start);
            if (!fill()) {
                start = pos; // nothing more: the end of the input ends the field
                break;
            }
            start = 0;
        }
        if (spill) {
            sb.append(buf, start, pos - start);
            fields.add(sb.length() == 0 ? null : sb.toString());
        } else {
            fields.add(pos == start ? null : new String(buf, start, pos - start));
        }
    }

    /** A quoted field (opening quote consumed): "" inside is a quote; line breaks are part of the value. */
    private void quoted() throws IOException {
        sb.setLength(0);
        boolean spill = false; // the value is (also) in sb: it spans a refill or holds a doubled quote
        int start = pos;       // the pending part of the value in buf, from start to the scan position; -1 = none
        while (true) {
            while (pos < limit && buf[pos] != '"') {
                if (buf[pos] == '\n') {
                    line++;
                }
                pos++;
            }
            if (pos >= limit) {
                sb.append(buf, start, pos - start);
                spill = true;
                if (!fill()) {
                    throw new BadRowException(fileName, recordLine, "EOF reached before the end of a quoted field");
                }
                start = 0;
                continue;
            }
            int end = pos++; // at a quote: a doubled one (a literal quote) or the closing one
            int next;
            if (pos < limit) {
                next = buf[pos];
            } else {
                sb.append(buf, start, end - start);
                spill = true;
                start = -1;
                next = fill() ? buf[pos] : -1;
            }
            if (next == '"') {
                if (start >= 0) {
                    sb.append(buf, start, end - start);
                }
                spill = true;
                sb.append('"');
                pos++;
                start = pos;
                continue;
            }
            if (!spill) {
                fields.add(new String(buf, start, end - start));
            } else {
                if (start >= 0) {
                    sb.append(buf, start, end - start);
                }
                fields.add(sb.toString());
            }
            checkAfterQuote();
            return;
        }
    }

    private void checkAfterQuote() throws IOException {
        int c = peek();
        if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
            throw new BadRowException(fileName, line, "invalid char after a closing quote (a quote inside a quoted "
                                                      + "field must be doubled)");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "invalid UTF-8 (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
