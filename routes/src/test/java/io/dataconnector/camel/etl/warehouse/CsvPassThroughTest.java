package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the COPY pass-through lets through as bytes, and what it refuses (then the parser path loads the table). */
class CsvPassThroughTest {

    private static final ColumnType[] TYPES = {ColumnType.UUID, ColumnType.TEXT, ColumnType.BOOLEAN,
        ColumnType.TIMESTAMP, ColumnType.NUMBER, ColumnType.DATE};
    private static final String HEADER = "id,name,active,created_at,amount,day\n";
    private static final String ID = "11111111-1111-1111-1111-11111111111a";

    /** The shapes of a real extract: every one passes, byte for byte. */
    @Test
    void realExtractShapesPassThroughByteForByte() throws IOException {
        String body = ID + ",\"Smith, \"\"Jo\"\"\",t,2018-03-23 18:58:59 UTC,12.50,2024-02-29\n"
                      + ID + ",\"line1\r\nline2\",f,2018-10-20 15:45:47.54+00,-3,\n"
                      + ID + ",Zoë 日本,1,2024-01-31 23:59:59.123456,,\"\"\n"
                      + ",\"\",0,2024-12-31 00:00:00Z,0.5,2024-12-31\n"
                      + ID + ",,true,\"2024-01-02 03:04:05\",7,2024-01-01";
        CsvPassThrough csv = open("\uFEFF" + HEADER + body);
        assertThat(csv.header()).containsExactly("id", "name", "active", "created_at", "amount", "day");
        csv.expect(TYPES);
        assertThat(new String(readAll(csv), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(csv.records()).isEqualTo(5);
    }

    @Test
    void aHeaderOnlyFilePassesWithNoRecords() throws IOException {
        CsvPassThrough csv = open("\uFEFF" + HEADER.trim());
        csv.expect(TYPES);
        assertThat(readAll(csv)).isEmpty();
        assertThat(csv.records()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a blank line|" + ID + ",a,t,,,\\n\\n",
        "CR LF record ends|" + ID + ",a,t,,,\\r\\n",
        "a quote inside an unquoted field|" + ID + ",a\"b,t,,,\\n",
        "a character after a closing quote|" + ID + ",\"a\"b,t,,,\\n",
        "the end-of-data marker|\\.\\n",
        "a short record|" + ID + ",a,t\\n",
        "a long record|" + ID + ",a,t,,,,\\n",
        "an open quote at the end|" + ID + ",\"a,t,,,\\n",
        "an ISO timestamp with T|" + ID + ",a,t,2024-01-02T03:04:05,,\\n",
        "an offset other than +00|" + ID + ",a,t,2024-01-02 03:04:05+02,,\\n",
        "hour 24|" + ID + ",a,t,2024-01-02 24:00:00,,\\n",
        "a UUID in braces|{11111111-1111-1111-1111-111111111111},a,t,,,\\n",
        "a UUID without hyphens|11111111111111111111111111111111,a,t,,,\\n",
        "boolean on|" + ID + ",a,on,,,\\n",
        "a padded number| " + ID + ",a,t,, 1,\\n",
        "an exponent|" + ID + ",a,t,,1e5,\\n",
        "NaN|" + ID + ",a,t,,NaN,\\n",
        "a date with a time|" + ID + ",a,t,,,2024-01-02 10:00:00\\n",
        "a typed value with a quote|" + ID + ",a,t,,\"1\"\"\",\\n",
        "a typed value with a line break|" + ID + ",a,t,,\"1\\n\",\\n",
        "a quote inside an unquoted typed field|" + ID + ",a,t,,12\"3,\\n",
        "a carriage return after an unquoted typed value|" + ID + ",a,t,,12\\r,\\n",
        "a typed value longer than any checked shape|" + ID + ",a,t,,"
            + "1234567890123456789012345678901234567890123456789,\\n"})
    void refusesWhatTheDatabaseWouldReadDifferently(String what, String body) throws IOException {
        CsvPassThrough csv = open(HEADER + body.replace("\\n", "\n").replace("\\r", "\r"));
        csv.expect(TYPES);
        assertThatThrownBy(() -> readAll(csv)).as(what).isInstanceOf(CsvPassThrough.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\nid,name\n1,a\n", "id,name\r\n1,a\r\n", "\"id\",name\n1,a\n"})
    void refusesAHeaderThatIsNotAPlainFirstLine(String text) {
        assertThatThrownBy(() -> open(text)).isInstanceOf(CsvPassThrough.Refused.class);
    }

    @Test
    void aLineStartingWithBackslashDotInsideQuotesIsRefusedToo() throws IOException {
        CsvPassThrough csv = open(HEADER + ID + ",\"a\n\\.\n\",t,,,\n");
        csv.expect(TYPES);
        assertThatThrownBy(() -> readAll(csv)).isInstanceOf(CsvPassThrough.Refused.class);
    }

    @Test
    void timestampAndDateShapes() {
        assertThat(fits(ColumnType.TIMESTAMP, "2024-01-31 23:59:59")).isTrue();
        assertThat(fits(ColumnType.TIMESTAMP, "2024-01-31 23:59:59.123456789 UTC")).isTrue();
        assertThat(fits(ColumnType.TIMESTAMP, "2024-01-31 23:59:59.1234567890")).isFalse();
        assertThat(fits(ColumnType.TIMESTAMP, "2024-13-01 00:00:00")).isFalse();
        assertThat(fits(ColumnType.TIMESTAMP, "2024-01-31 23:60:00")).isFalse();
        assertThat(fits(ColumnType.TIMESTAMP, "2024-01-31 23:59:59.")).isFalse();
        assertThat(fits(ColumnType.DATE, "2024-02-31")).isTrue(); // the database rejects it: the parser path widens
        assertThat(fits(ColumnType.DATE, "2024-00-10")).isFalse();
        assertThat(fits(ColumnType.NUMBER, "-")).isFalse();
        assertThat(fits(ColumnType.NUMBER, "1.")).isFalse();
        assertThat(fits(ColumnType.NUMBER, "-0.000001")).isTrue();
        assertThat(fits(ColumnType.BOOLEAN, "false")).isTrue();
        assertThat(fits(ColumnType.BOOLEAN, "TRUE")).isFalse();
    }

    /** Keys watched as the database compares them: a repeat by value (not by bytes) is never "distinct". */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "UUID|false|11111111-1111-1111-1111-11111111111a;11111111-1111-1111-1111-11111111111A",
        "UUID|true|11111111-1111-1111-1111-11111111111a;11111111-1111-1111-1111-11111111111b",
        "UUID|true|\"11111111-1111-1111-1111-11111111111a\";11111111-1111-1111-1111-11111111111b",
        "UUID|false|11111111-1111-1111-1111-11111111111a;",
        "UUID|false|11111111-1111-1111-1111-11111111111a;\"\"",
        "NUMBER|true|1;10;-1;0.1;1.01",
        "NUMBER|false|1.50;01.5",
        "NUMBER|false|7;7.000",
        "NUMBER|false|-0;0",
        "NUMBER|false|-0.00;0",
        "NUMBER|false|0.5;00.50",
        "NUMBER|true|15;1.5",
        "TEXT|true|a;b;\"\";ab",
        "TEXT|false|a;\"a\"",
        "TEXT|false|\"a,b\";\"a,b\"",
        "TEXT|true|\"a\"\"b\";\"a\"\"\"\"b\"",
        "TEXT|false|a;",
        "TIMESTAMP|false|2024-01-01 00:00:00;2024-01-01 00:00:01"})
    void aWatchedKeyIsDistinctOnlyWhenEveryValueDiffers(ColumnType type, boolean distinct, String keys)
            throws IOException {
        StringBuilder text = new StringBuilder("k,other\n");
        for (String k : keys.split(";", -1)) {
            text.append(k).append(",x\n");
        }
        CsvPassThrough csv = open(text.toString());
        csv.watchKey("k");
        csv.expect(new ColumnType[] {type, ColumnType.TEXT});
        readAll(csv);
        assertThat(csv.keysDistinct()).isEqualTo(distinct);
    }

    @Test
    void keysAreNotKnownToBeDistinctBeforeTheEndOrWithoutAWatchedKey() throws IOException {
        CsvPassThrough partly = open(HEADER + ID + ",a,t,,,\n" + ID.replace('a', 'b') + ",a,t,,,\n");
        partly.watchKey("id");
        partly.expect(TYPES);
        partly.read(new byte[10]);
        assertThat(partly.keysDistinct()).isFalse();

        CsvPassThrough unwatched = open(HEADER + ID + ",a,t,,,\n");
        unwatched.expect(TYPES);
        readAll(unwatched);
        assertThat(unwatched.keysDistinct()).isFalse();

        CsvPassThrough absent = open(HEADER + ID + ",a,t,,,\n");
        absent.watchKey("no_such_column");
        absent.expect(TYPES);
        readAll(absent);
        assertThat(absent.keysDistinct()).isFalse();

        CsvPassThrough late = open(HEADER + ID + ",a,t,,,\n");
        late.expect(TYPES);
        late.read(new byte[64]);
        assertThatThrownBy(() -> late.watchKey("id")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyDistinctKeysAcrossSmallReadsAreDistinctAndOneRepeatIsNot() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 20_000; i++) {
            text.append(String.format("%08x-0000-0000-0000-000000000000,\"n%d\",t,,%d.0,%n", i, i, i));
        }
        CsvPassThrough csv = open(text.toString());
        csv.watchKey("id");
        csv.expect(TYPES);
        readAll(csv);
        assertThat(csv.records()).isEqualTo(20_000);
        assertThat(csv.keysDistinct()).isTrue();

        text.append("00004E20-0000-0000-0000-000000000000,x,t,,,\n00004e20-0000-0000-0000-000000000000,y,f,,,\n");
        CsvPassThrough repeat = open(text.toString());
        repeat.watchKey("id");
        repeat.expect(TYPES);
        readAll(repeat);
        assertThat(repeat.keysDistinct()).isFalse();
    }

    /** The event-time bounds as the database reads the values: UTC suffixes dropped, NULLs ignored. */
    @Test
    void theEarliestAndLatestEventTimeAreSeenOnTheWay() throws IOException {
        String body = ID + ",a,t,2024-01-02 03:04:05 UTC,,\n"
                      + ID + ",a,t,2023-12-31 23:59:59.5+00,,\n"
                      + ID + ",a,t,,,\n"
                      + ID + ",a,t,\"\",,\n"
                      + ID + ",a,t,2023-12-31 23:59:59.50,,\n"
                      + ID + ",a,t,2024-01-02 03:04:05.000001Z,,\n"
                      + ID + ",a,t,2024-01-02 03:04:05.000000,,\n";
        CsvPassThrough csv = open(HEADER + body);
        csv.watchEventTime("created_at");
        csv.expect(TYPES);
        assertThat(csv.eventTimes()).isNull(); // not read yet
        readAll(csv);
        assertThat(csv.eventTimes()).containsExactly(LocalDateTime.parse("2023-12-31T23:59:59.5"),
                LocalDateTime.parse("2024-01-02T03:04:05.000001"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "more digits than the database keeps (it rounds)|created_at|2024-01-02 03:04:05.1234567",
        "a year before 1000|created_at|0999-01-02 03:04:05",
        "not a timestamp column|day|2024-01-02",
        "no such column|nope|2024-01-02 03:04:05"})
    void eventTimesAreNotKnownWhenTheDatabaseMightReadThemOtherwise(String what, String column, String value)
            throws IOException {
        boolean day = column.equals("day");
        CsvPassThrough csv = open(HEADER + ID + ",a,t," + (day ? "" : value) + ",," + (day ? value : "") + "\n"
                                  + ID + ",a,t,2024-05-05 00:00:00,,2024-05-05\n");
        csv.watchEventTime(column);
        csv.expect(TYPES);
        readAll(csv);
        assertThat(csv.eventTimes()).as(what).isNull();
    }

    @Test
    void onlyNullEventTimesHaveNoBounds() throws IOException {
        CsvPassThrough csv = open(HEADER + ID + ",a,t,,,\n" + ID + ",a,t,\"\",,\n");
        csv.watchEventTime("created_at");
        csv.expect(TYPES);
        readAll(csv);
        assertThat(csv.eventTimes()).containsExactly(null, null);
    }

    /** The 8-bytes-at-a-time scan in large reads: every byte that matters found at every offset, as in small reads. */
    @Test
    void largeReadsFindEveryByteThatMattersAtEveryOffset() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int len = 0; len < 24; len++) {
            String text = "abcdefghijklmnopqrstuvwxyz".substring(0, len);
            body.append(ID).append(",").append(text).append(",t,,").append(len).append(",\n");
            body.append(ID).append(",\"").append(text).append("\"\"").append(text).append(",\n").append(text)
                    .append("\",f,2024-01-01 00:00:00,-").append(len).append(".5,2024-01-0").append(len % 9 + 1)
                    .append("\n");
        }
        CsvPassThrough small = open(HEADER + body);
        small.expect(TYPES);
        byte[] viaSmallReads = readAll(small);
        CsvPassThrough large = open(HEADER + body);
        large.expect(TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = large.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
        }
        assertThat(out.toByteArray()).isEqualTo(viaSmallReads).isEqualTo(body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(large.records()).isEqualTo(small.records()).isEqualTo(48);

        for (int at = 0; at < 20; at++) {
            String bad = ID + ",\"ok\"," + "t,,1,\n" + ID + "," + "x".repeat(at + 1) + "\"y,t,,1,\n";
            CsvPassThrough refused = open(HEADER + bad);
            refused.expect(TYPES);
            assertThatThrownBy(() -> refused.read(new byte[1 << 16])).as("a quote after %d bytes", at + 1)
                    .isInstanceOf(CsvPassThrough.Refused.class).hasMessageContaining("quote");
            CsvPassThrough cr = open(HEADER + ID + "," + "x".repeat(at + 1) + "\r,t,,1,\n");
            cr.expect(TYPES);
            assertThatThrownBy(() -> cr.read(new byte[1 << 16])).as("a carriage return after %d bytes", at + 1)
                    .isInstanceOf(CsvPassThrough.Refused.class).hasMessageContaining("carriage return");
        }
    }

    private static boolean fits(ColumnType type, String v) {
        byte[] b = v.getBytes(StandardCharsets.US_ASCII);
        return CsvPassThrough.fits(type, b, b.length);
    }

    private static CsvPassThrough open(String text) throws IOException {
        return CsvPassThrough.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    /** Reads in small chunks, so that values and quotes straddle reads. */
    private static byte[] readAll(CsvPassThrough csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[7];
        int n;
        while ((n = csv.read(buf)) >= 0) {
            out.write(Arrays.copyOf(buf, n), 0, n);
        }
        return out.toByteArray();
    }
}
