package io.dataconnector.camel.etl.warehouse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * An extract CSV whose bytes go to the database's own CSV reader as they are (PostgreSQL's {@code COPY … (FORMAT
 * csv)}), checked on the way, byte by byte and without parsing values into objects, for everything that reader would
 * read differently from {@link CsvTable} and {@link TextValues}:
 * <ul>
 * <li>the BOM and the header row are consumed here ({@link #header()}); a header that is not the first line, or ends
 * in CR LF, is refused;</li>
 * <li>records end in LF (CR only inside quotes), no blank line, no {@code \.} at the start of a line (COPY's end
 * marker), quotes only around a whole field, every record {@link #header()}'s width;</li>
 * <li>a typed field is empty (NULL; a quoted {@code ""} is made NULL by the caller's {@code FORCE_NULL}) or has one of
 * the shapes whose meaning is the same for the database and for {@link TextValues}: a canonical UUID; {@code
 * yyyy-MM-dd HH:mm:ss[.fraction]} with nothing, {@code " UTC"}, {@code "+00"} or {@code "Z"} after it; {@code
 * yyyy-MM-dd}; a plain decimal; {@code t f 0 1 true false}.</li>
 * </ul>
 * Anything else stops the read with {@link Refused}: the caller gives up the pass-through for this table (rolls back)
 * and loads it through the parser, which also names a bad row's line and widens a column whose values do not fit.
 * Values the checker lets through but the database still rejects (e.g. February 30th, invalid UTF-8) fail the COPY,
 * with the same fallback.
 * <p>
 * On the way it can also watch one key column ({@link #watchKey}): a 64-bit hash of each record's key value, as the
 * database compares it, tells after the read whether every record had a key of its own ({@link #keysDistinct()}),
 * which spares the database a duplicate-key scan of the whole table; and one event-time column
 * ({@link #watchEventTime}), whose earliest and latest values spare it a scan for a window's bounds.
 */
public final class CsvPassThrough implements Closeable {

    /** The bytes would be read differently by the database's CSV reader: load the table through the parser. */
    public static final class Refused extends IOException {
        Refused(String why) {
            super(why, null);
        }
    }

    /** The longest header line read (a header of ~200 identifiers is ~6 KB). */
    private static final int MAX_HEADER = 1 << 20;
    /** The longest typed value with a checked shape (a timestamp with 9 fraction digits and " UTC" is 33). */
    private static final int MAX_TYPED = 48;

    private final InputStream in;
    private final List<String> header;
    private ColumnType[] types;
    private final byte[] value = new byte[MAX_TYPED];
    private int valueLength;
    private int field;
    private boolean inQuotes;
    private boolean quoteClosed;
    private boolean fieldStart = true;
    private boolean lineStart = true;
    private boolean backslashAtLineStart;
    private boolean ended;
    private long records;

    /** 64-bit FNV-1a, then a finalizing mix: {@link DistinctHashes} takes a hash's slot from its top bits. */
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /**
     * The most keys watched (past it, not known): a set of at most 2^22 hashes, 32 MiB (48 MiB while it doubles).
     */
    static final long MAX_WATCHED_KEYS = 3L << 20;
    private int keyField = -1;
    private DistinctHashes keys;
    private boolean keysUnknown;
    private long keyHash = FNV_OFFSET;
    private long keyLength;
    private boolean quoted;
    private int eventField = -1;
    private boolean eventUnknown;
    private final byte[] earliest = new byte[MAX_TYPED];
    private final byte[] latest = new byte[MAX_TYPED];
    private int earliestLength;
    private int latestLength;

    private CsvPassThrough(InputStream in, List<String> header) {
        this.in = in;
        this.header = header;
    }

    /**
     * Reads the BOM and the header row.
     *
     * @param in       the CSV's bytes (closed by {@link #close()}, or here when refused)
     * @param fileName the extract file name, for messages
     * @throws Refused when the header is not a plain first line (the parser path reads such a file, or names what is
     *                 wrong with it)
     */
    public static CsvPassThrough open(InputStream raw, String fileName) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
            int b = in.read();
            if (b == 0xEF) {
                if (in.read() != 0xBB || in.read() != 0xBF) {
                    throw new Refused("not a UTF-8 BOM");
                }
                b = in.read();
            }
            while (b >= 0 && b != '\n') {
                if (b == '\r' || b == '"' || line.size() >= MAX_HEADER) {
                    throw new Refused("the header row is not a plain line");
                }
                line.write(b);
                b = in.read();
            }
            if (line.size() == 0) {
                throw new Refused("no header on the first line");
            }
            List<String> names;
            try (CsvTable t = CsvTable.open(new ByteArrayInputStream(line.toByteArray()), fileName)) {
                names = t.header();
            } catch (RuntimeException e) {
                throw new Refused("header: " + e.getMessage());
            }
            return new CsvPassThrough(in, names);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** @return the validated column names of the header row */
    public List<String> header() {
        return header;
    }

    /**
     * @param fieldTypes the type of each field, in header order ({@link ColumnType#TEXT} is not checked)
     */
    public void expect(ColumnType[] fieldTypes) {
        if (fieldTypes.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " field types, got " + fieldTypes.length);
        }
        this.types = fieldTypes.clone();
    }

    /**
     * Watches a key column while the bytes are read: its value in each record, compared as the database compares the
     * column's type (a text's bytes; a UUID's hex digits in either case; a number's value, so {@code 1.50} is
     * {@code 1.5}). Only text, UUID and number keys are watched; a NULL key, or a key of another type, makes the answer
     * "not known".
     *
     * @param column the key column's name in the header
     * @throws IllegalStateException when called after the first read
     */
    public void watchKey(String column) {
        if (records > 0 || !lineStart || field > 0) {
            throw new IllegalStateException("watch the key before the first read");
        }
        keyField = header.indexOf(column);
        if (keyField < 0) {
            keysUnknown = true;
        } else {
            keys = new DistinctHashes(MAX_WATCHED_KEYS);
        }
    }

    /**
     * @return true when the whole CSV has been read and every record's key ({@link #watchKey}) was non-NULL and
     *         different from every other record's; false when a key repeated, or was NULL, or this is not known (no
     *         key watched, a type not watched, too many keys, or a 64-bit hash that came twice)
     */
    public boolean keysDistinct() {
        return ended && keys != null && !keysUnknown && keys.allDistinct();
    }

    /**
     * Watches a timestamp column while the bytes are read, for its earliest and latest value ({@link #eventTimes()}).
     *
     * @param column the column's name in the header; it must be a {@link ColumnType#TIMESTAMP} in {@link #expect}
     * @throws IllegalStateException when called after the first read
     */
    public void watchEventTime(String column) {
        if (records > 0 || !lineStart || field > 0) {
            throw new IllegalStateException("watch the event time before the first read");
        }
        eventField = header.indexOf(column);
        eventUnknown = eventField < 0;
    }

    /**
     * @return the earliest and latest non-NULL value of the watched event-time column, as the database reads them
     *         (both null when every value is NULL or there is no record), once the whole CSV has been read; null when
     *         not known: no column watched, not a timestamp, or a value the database would round (more than 6
     *         fraction digits) or a year before 1000
     */
    public LocalDateTime[] eventTimes() {
        if (!ended || eventField < 0 || eventUnknown || types[eventField] != ColumnType.TIMESTAMP) {
            return null;
        }
        return new LocalDateTime[] {dateTime(earliest, earliestLength), dateTime(latest, latestLength)};
    }

    private static LocalDateTime dateTime(byte[] v, int n) {
        if (n == 0) {
            return null;
        }
        String s = new String(v, 0, n, StandardCharsets.US_ASCII);
        return LocalDateTime.parse(s.substring(0, 10) + "T" + s.substring(11));
    }

    /** @return the records checked so far (complete lines after the header) */
    public long records() {
        return records;
    }

    /**
     * Reads and checks the next bytes (after the header).
     *
     * @return the number of bytes read into {@code buf} from 0, -1 at the end of the CSV
     * @throws Refused when they would be read differently by the database
     */
    public int read(byte[] buf) throws IOException {
        if (types == null) {
            throw new IllegalStateException("expect(...) the field types first");
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            end();
            return -1;
        }
        int i = 0;
        while (i < n) {
            if (!backslashAtLineStart && !quoteClosed && !lineStart) {
                if (types[field] == ColumnType.TEXT) {
                    if (field != keyField) {
                        i = inQuotes ? skipQuotedText(buf, i, n) : fieldStart ? i : skipUnquotedText(buf, i, n);
                    }
                } else if (!inQuotes && !fieldStart) {
                    i = copyUnquotedValue(buf, i, n);
                }
                if (i == n) {
                    break;
                }
            }
            accept(buf[i++]);
        }
        return n;
    }

    /*
     * The fast paths, past a field's first byte and not at a line start: inside a text field that is not the watched
     * key, every byte but these leaves the state as it is (accept(b) would only set lineStart and fieldStart to the
     * false they are already), and inside an unquoted typed field it only joins the value: the scan runs on to the
     * next byte that matters.
     */

    /** Appends the unquoted typed value's bytes up to the next byte that matters; @return its index, or {@code n} */
    private int copyUnquotedValue(byte[] buf, int i, int n) throws Refused {
        int start = i;
        int end = skipUnquotedText(buf, i, n);
        int length = end - start;
        if (valueLength + length > MAX_TYPED) {
            throw new Refused("a long value in the " + types[field] + " column " + header.get(field));
        }
        System.arraycopy(buf, start, value, valueLength, length);
        valueLength += length;
        return end;
    }

    /*
     * Eight bytes at a time (SWAR): w ^ PATTERN has a zero byte where w has that byte; (x - ONES) & ~x & HIGHS flags
     * x's zero bytes, exactly up to the first one (a borrow can only flag bytes above it), so the lowest flag of the
     * patterns' flags together is the first byte that matters (little-endian: the lowest byte comes first).
     */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ONES * ',';
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long QUOTES = ONES * '"';
    private static final long RETURNS = ONES * '\r';

    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** @return the index of the next quote or line feed from {@code i} (inside quotes), or {@code n} */
    private static int skipQuotedText(byte[] buf, int i, int n) {
        while (i + 8 <= n) {
            long w = (long) LONGS.get(buf, i);
            long m = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ LINE_FEEDS);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i < n) {
            byte b = buf[i];
            if (b == '"' || b == '\n') {
                return i;
            }
            i++;
        }
        return n;
    }

    /** @return the index of the next comma, line feed, carriage return or quote from {@code i}, or {@code n} */
    private static int skipUnquotedText(byte[] buf, int i, int n) {
        while (i + 8 <= n) {
            long w = (long) LONGS.get(buf, i);
            long m = zeroBytes(w ^ COMMAS) | zeroBytes(w ^ LINE_FEEDS) | zeroBytes(w ^ QUOTES) | zeroBytes(w ^ RETURNS);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i < n) {
            byte b = buf[i];
            if (b == ',' || b == '\n' || b == '"' || b == '\r') {
                return i;
            }
            i++;
        }
        return n;
    }

    private void accept(byte b) throws Refused {
        if (backslashAtLineStart) {
            backslashAtLineStart = false;
            if (b == '.') {
                throw new Refused("a line starts with \\. (COPY's end-of-data marker)");
            }
        }
        if (inQuotes) {
            if (b == '"') {
                inQuotes = false;
                quoteClosed = true;
            } else {
                if (b == '\n') {
                    lineStart = true;
                    typedByte(b);
                    return;
                }
                if (lineStart && b == '\\') {
                    backslashAtLineStart = true;
                }
                lineStart = false;
                typedByte(b);
            }
            return;
        }
        if (quoteClosed) {
            quoteClosed = false;
            if (b == '"') { // a doubled quote: a literal quote, still inside the quoted field
                inQuotes = true;
                typedByte(b);
                return;
            }
            if (b != ',' && b != '\n') {
                throw new Refused("a character after a closing quote");
            }
        }
        switch (b) {
            case ',':
                endField();
                field++;
                if (field >= types.length) {
                    throw new Refused("more fields than the header has");
                }
                fieldStart = true;
                lineStart = false;
                return;
            case '\n':
                if (lineStart && field == 0 && fieldStart) {
                    throw new Refused("a blank line");
                }
                endRecord();
                lineStart = true;
                return;
            case '\r':
                throw new Refused("a carriage return outside quotes");
            case '"':
                if (!fieldStart) {
                    throw new Refused("a quote inside an unquoted field");
                }
                inQuotes = true;
                quoted = true;
                fieldStart = false;
                lineStart = false;
                return;
            default:
                if (lineStart && b == '\\') {
                    backslashAtLineStart = true;
                }
                fieldStart = false;
                lineStart = false;
                typedByte(b);
        }
    }

    private void typedByte(byte b) throws Refused {
        if (types[field] == ColumnType.TEXT) {
            if (field == keyField) {
                keyHash = (keyHash ^ (b & 0xff)) * FNV_PRIME;
                keyLength++;
            }
            return;
        }
        if (valueLength >= MAX_TYPED) {
            throw new Refused("a long value in the " + types[field] + " column " + header.get(field));
        }
        value[valueLength++] = b;
    }

    private void endField() throws Refused {
        ColumnType type = types[field];
        if (type != ColumnType.TEXT && valueLength > 0 && !fits(type, value, valueLength)) {
            throw new Refused("a value of another shape in the " + type + " column " + header.get(field));
        }
        if (field == keyField) {
            keyEnd(type);
        }
        if (field == eventField && valueLength > 0 && !eventUnknown) {
            eventTime();
        }
        valueLength = 0;
        quoted = false;
    }

    /** The key field of a record is complete (its shape checked): its hash is collected, or the watch given up. */
    private void keyEnd(ColumnType type) {
        // an unquoted empty field is NULL; a quoted one is NULL too in a typed column (FORCE_NULL), '' in a text one
        boolean isNull = type == ColumnType.TEXT ? !quoted && keyLength == 0 : valueLength == 0;
        long h = keyHash;
        keyHash = FNV_OFFSET;
        keyLength = 0;
        if (isNull || type != ColumnType.TEXT && type != ColumnType.UUID && type != ColumnType.NUMBER) {
            keysUnknown = true;
            keyField = -1;
            keys = null;
            return;
        }
        if (type == ColumnType.UUID) {
            h = uuidHash(value, valueLength);
        } else if (type == ColumnType.NUMBER) {
            h = numberHash(value, valueLength);
        }
        keys.add(mix(h));
    }

    /**
     * A checked timestamp value of the event-time column: without its UTC suffix, {@code yyyy-MM-dd HH:mm:ss} and up
     * to 6 fraction digits sort as text in the order of their values (equal values may differ in trailing zeros).
     */
    private void eventTime() {
        if (types[field] != ColumnType.TIMESTAMP) {
            eventUnknown = true;
            return;
        }
        int n = withoutUtcSuffix(value, valueLength);
        if (n > 26 || value[0] == '0') { // the database rounds to microseconds; years before 1000 are left to it
            eventUnknown = true;
            return;
        }
        if (earliestLength == 0 || Arrays.compare(value, 0, n, earliest, 0, earliestLength) < 0) {
            System.arraycopy(value, 0, earliest, 0, n);
            earliestLength = n;
        }
        if (latestLength == 0 || Arrays.compare(value, 0, n, latest, 0, latestLength) > 0) {
            System.arraycopy(value, 0, latest, 0, n);
            latestLength = n;
        }
    }

    /** The hex digits in lower case (the database reads a UUID in either case). */
    private static long uuidHash(byte[] v, int n) {
        long h = FNV_OFFSET;
        for (int i = 0; i < n; i++) {
            byte c = v[i];
            h = (h ^ (c >= 'A' && c <= 'F' ? c | 0x20 : c)) * FNV_PRIME;
        }
        return h;
    }

    /**
     * A plain decimal ({@link #isDecimal}) by its value: the sign unless zero, the integer digits without leading
     * zeros, a dot, the fraction digits without trailing zeros ({@code -01.50} hashes as {@code -1.5}, {@code -0.0} as
     * {@code .}).
     */
    private static long numberHash(byte[] v, int n) {
        int i = v[0] == '-' ? 1 : 0;
        int dot = i;
        while (dot < n && v[dot] != '.') {
            dot++;
        }
        int intStart = i;
        while (intStart < dot && v[intStart] == '0') {
            intStart++;
        }
        int fracEnd = n;
        if (dot < n) {
            while (fracEnd > dot + 1 && v[fracEnd - 1] == '0') {
                fracEnd--;
            }
        } else {
            fracEnd = dot + 1;
        }
        boolean zero = intStart == dot && fracEnd <= dot + 1;
        long h = FNV_OFFSET;
        if (v[0] == '-' && !zero) {
            h = (h ^ '-') * FNV_PRIME;
        }
        for (int k = intStart; k < dot; k++) {
            h = (h ^ v[k]) * FNV_PRIME;
        }
        h = (h ^ '.') * FNV_PRIME;
        for (int k = dot + 1; k < fracEnd; k++) {
            h = (h ^ v[k]) * FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private void endRecord() throws Refused {
        endField();
        if (field != types.length - 1) {
            throw new Refused("a record of " + (field + 1) + " fields, the header has " + types.length);
        }
        field = 0;
        fieldStart = true;
        records++;
    }

    /** At the end of the input: a last record without a line end is complete, an open quote is not. */
    private void end() throws Refused {
        if (inQuotes) {
            throw new Refused("the input ends inside a quoted field");
        }
        if (backslashAtLineStart) {
            throw new Refused("the input ends with a backslash line");
        }
        if (!(lineStart && field == 0 && fieldStart)) {
            endRecord();
            lineStart = true;
        }
        ended = true;
    }

    // ---------------------------------------------------------------- shapes

    /** @return whether the (ASCII) value has a shape the database reads as {@link TextValues} does */
    static boolean fits(ColumnType type, byte[] v, int n) {
        return switch (type) {
            case UUID -> isUuid(v, n);
            case TIMESTAMP -> isTimestamp(v, n);
            case DATE -> n == 10 && isDate(v);
            case NUMBER -> isDecimal(v, n);
            case BOOLEAN -> isBoolean(v, n);
            case TEXT -> true;
        };
    }

    private static final boolean[] HEX = new boolean[256];

    static {
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX[c] = true;
        }
    }

    private static boolean isUuid(byte[] v, int n) {
        return n == 36 && v[8] == '-' && v[13] == '-' && v[18] == '-' && v[23] == '-'
               && hex(v, 0, 8) && hex(v, 9, 13) && hex(v, 14, 18) && hex(v, 19, 23) && hex(v, 24, 36);
    }

    private static boolean hex(byte[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HEX[v[i] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-dd}, month 1–12, day 1–31 (the database rejects a day the month has not). */
    private static boolean isDate(byte[] v) {
        if (v[4] != '-' || v[7] != '-' || two(v, 0) < 0 || two(v, 2) < 0) {
            return false;
        }
        int month = two(v, 5);
        int day = two(v, 8);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** @return the length of a timestamp without its {@code " UTC"}, {@code "+00"} or {@code "Z"} */
    private static int withoutUtcSuffix(byte[] v, int n) {
        if (n >= 23 && v[n - 4] == ' ' && v[n - 3] == 'U' && v[n - 2] == 'T' && v[n - 1] == 'C') {
            return n - 4;
        } else if (n >= 22 && v[n - 3] == '+' && v[n - 2] == '0' && v[n - 1] == '0') {
            return n - 3;
        } else if (n >= 20 && v[n - 1] == 'Z') {
            return n - 1;
        }
        return n;
    }

    private static boolean isTimestamp(byte[] v, int n) {
        n = withoutUtcSuffix(v, n);
        if (n < 19 || n == 20 || n > 29 || !isDate(v) || v[10] != ' ' || v[13] != ':' || v[16] != ':') {
            return false;
        }
        int hour = two(v, 11);
        int minute = two(v, 14);
        int second = two(v, 17);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        if (n > 19) {
            if (v[19] != '.') {
                return false;
            }
            for (int i = 20; i < n; i++) {
                if (v[i] < '0' || v[i] > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    /** An optional minus, 1 to 30 digits, optionally a dot and 1 to 30 digits (as {@link TextValues}). */
    private static boolean isDecimal(byte[] v, int n) {
        int i = v[0] == '-' ? 1 : 0;
        int digits = 0;
        while (i < n && v[i] >= '0' && v[i] <= '9') {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 30) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (v[i++] != '.') {
            return false;
        }
        int fraction = 0;
        while (i < n && v[i] >= '0' && v[i] <= '9') {
            i++;
            fraction++;
        }
        return i == n && fraction > 0 && fraction <= 30;
    }

    private static boolean isBoolean(byte[] v, int n) {
        if (n == 1) {
            return v[0] == 't' || v[0] == 'f' || v[0] == '0' || v[0] == '1';
        }
        return n == 4 && v[0] == 't' && v[1] == 'r' && v[2] == 'u' && v[3] == 'e'
               || n == 5 && v[0] == 'f' && v[1] == 'a' && v[2] == 'l' && v[3] == 's' && v[4] == 'e';
    }

    private static int two(byte[] v, int i) {
        int a = v[i] - '0';
        int b = v[i + 1] - '0';
        return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
