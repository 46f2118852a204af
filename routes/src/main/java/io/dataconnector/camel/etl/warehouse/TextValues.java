package io.dataconnector.camel.etl.warehouse;

/**
 * One CSV cell as the text a database's own input functions accept for its column type, with the same meaning and
 * the same checks as {@link Values#convert(ColumnType, String)} (so an unfit value is a bad row naming the line,
 * before the database sees it). The usual shapes of extract values (canonical UUIDs, {@code yyyy-MM-dd HH:mm:ss.SSS}
 * timestamps with or without a {@code UTC} suffix, plain decimals, {@code t}/{@code f}) are checked character by
 * character and passed through without creating objects; anything else goes through {@link Values} and is re-printed
 * canonically. This is what lets the PostgreSQL COPY path stream rows from the parser at close to {@code psql \copy}
 * speed.
 */
public final class TextValues {

    private TextValues() {
    }

    /**
     * @return the canonical text of the value, {@code null} for NULL
     * @throws IllegalArgumentException with a message naming the expected type when the text does not fit it
     */
    public static String canonical(ColumnType type, String text) {
        if (text == null) {
            return null;
        }
        switch (type) {
            case TEXT:
                return text;
            case UUID:
                if (isCanonicalUuid(text)) {
                    return text;
                }
                java.util.UUID u = Values.uuid(text);
                return u == null ? null : u.toString();
            case TIMESTAMP:
                int end = plainTimestampEnd(text);
                if (end > 0) {
                    return end == text.length() ? text : text.substring(0, end);
                }
                java.time.LocalDateTime t = Values.timestamp(text);
                return t == null ? null : t.toString();
            case DATE:
                if (text.length() == 10 && plainTimestampEnd(text + " 00:00:00") == 19) {
                    return text;
                }
                java.time.LocalDate date = Values.date(text);
                return date == null ? null : date.toString();
            case NUMBER:
                if (isPlainDecimal(text)) {
                    return text;
                }
                java.math.BigDecimal d = Values.number(text);
                return d == null ? null : d.toPlainString();
            case BOOLEAN:
                if (text.length() == 1) {
                    char c = text.charAt(0);
                    if (c == 't') {
                        return "t";
                    }
                    if (c == 'f') {
                        return "f";
                    }
                }
                Boolean b = Values.bool(text);
                return b == null ? null : b ? "t" : "f";
            default:
                throw new IllegalStateException("Unknown type " + type);
        }
    }

    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            HEX[c] = true;
        }
    }

    /** {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, hex digits of either case. */
    static boolean isCanonicalUuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
            || s.charAt(23) != '-') {
            return false;
        }
        return hex(s, 0, 8) && hex(s, 9, 13) && hex(s, 14, 18) && hex(s, 19, 23) && hex(s, 24, 36);
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !HEX[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} with an optional fraction of 1 to 9 digits and an optional {@code " UTC"} suffix,
     * fields in range (days beyond a month's length are left to the slow path).
     *
     * @return the length without the suffix, or -1 when the text has another shape
     */
    static int plainTimestampEnd(String s) {
        int n = s.length();
        if (n >= 23 && s.regionMatches(n - 4, " UTC", 0, 4)) {
            n -= 4;
        }
        if (n < 19 || n == 20 || n > 29) {
            return -1;
        }
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
            || s.charAt(16) != ':') {
            return -1;
        }
        int month = two(s, 5);
        int day = two(s, 8);
        int hour = two(s, 11);
        int minute = two(s, 14);
        int second = two(s, 17);
        if (two(s, 0) < 0 || two(s, 2) < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23
            || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        if (n > 19) {
            if (s.charAt(19) != '.') {
                return -1;
            }
            for (int i = 20; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
            }
        }
        return n;
    }

    private static int two(String s, int i) {
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    /** An optional minus, 1 to 30 digits, optionally a dot and 1 to 30 digits. */
    static boolean isPlainDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (digits == 0 || digits > 30) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != '.') {
            return false;
        }
        i++;
        int fraction = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            fraction++;
        }
        return i == n && fraction > 0 && fraction <= 30;
    }
}
