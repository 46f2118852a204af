package io.dataconnector.camel.etl.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts one CSV cell to the Java value of its column type: {@link String}, {@link UUID}, {@link LocalDateTime}
 * (UTC), {@link BigDecimal} or {@link Boolean}. {@code null} stays {@code null}.
 */
public final class Values {

    private Values() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the expected type when the text does not fit it
     */
    public static Object convert(ColumnType type, String text) {
        if (text == null) {
            return null;
        }
        switch (type) {
            case TEXT:
                return text;
            case UUID:
                return uuid(text);
            case TIMESTAMP:
                return timestamp(text);
            case DATE:
                return date(text);
            case NUMBER:
                return number(text);
            case BOOLEAN:
                return bool(text);
            default:
                throw new IllegalStateException("Unknown type " + type);
        }
    }

    /** {@code t}/{@code f}, {@code true}/{@code false}, {@code 1}/{@code 0}, {@code yes}/{@code no} (any case). */
    public static Boolean bool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "1", "y", "yes":
                return Boolean.TRUE;
            case "f", "false", "0", "n", "no":
                return Boolean.FALSE;
            case "":
                return null;
            default:
                throw new IllegalArgumentException("not a boolean: '" + shorten(text) + "'");
        }
    }

    public static BigDecimal number(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + shorten(text) + "'");
        }
    }

    public static UUID uuid(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() != 36) {
            throw new IllegalArgumentException("not a UUID: '" + shorten(text) + "'");
        }
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a UUID: '" + shorten(text) + "'");
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.fraction]} with an optional {@code UTC} suffix, ISO-8601 with {@code T}, {@code Z} or
     * an offset (converted to UTC), or a bare date (midnight).
     *
     * @return the UTC wall-clock time
     */
    public static LocalDateTime timestamp(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        String u = t;
        if (u.regionMatches(true, u.length() - 4, " UTC", 0, 4)) {
            u = u.substring(0, u.length() - 4).trim();
        } else if (u.regionMatches(true, u.length() - 3, "UTC", 0, 3)) {
            u = u.substring(0, u.length() - 3).trim();
        }
        try {
            if (u.length() == 10) {
                return LocalDate.parse(u).atStartOfDay();
            }
            if (u.length() > 10 && u.charAt(10) == ' ') {
                u = u.substring(0, 10) + 'T' + u.substring(11);
            }
            if (u.endsWith("Z") || u.endsWith("z") || hasOffset(u)) {
                return OffsetDateTime.parse(u.endsWith("z") ? u.substring(0, u.length() - 1) + 'Z' : isoOffset(u))
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(u);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: '" + shorten(text) + "'");
        }
    }

    /** {@code yyyy-MM-dd}, or a timestamp whose time of day is midnight (e.g. {@code 2024-03-01 00:00:00 UTC}). */
    public static LocalDate date(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: '" + shorten(text) + "'");
        }
        LocalDateTime ts;
        try {
            ts = timestamp(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a date: '" + shorten(text) + "'");
        }
        if (!ts.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("not a date (has a time of day): '" + shorten(text) + "'");
        }
        return ts.toLocalDate();
    }

    /**
     * PostgreSQL prints offsets as {@code +00} or {@code +0530}; {@link OffsetDateTime} wants {@code +00:00}.
     *
     * @param u an ISO date-time with {@code T} and an offset
     */
    private static String isoOffset(String u) {
        int sign = Math.max(u.lastIndexOf('+'), u.lastIndexOf('-'));
        if (sign < u.indexOf('T')) {
            return u;
        }
        String off = u.substring(sign + 1);
        if (off.length() == 2) {
            return u + ":00";
        }
        if (off.length() == 4 && off.indexOf(':') < 0) {
            return u.substring(0, sign + 3) + ":" + off.substring(2);
        }
        return u;
    }

    private static boolean hasOffset(String u) {
        int t = u.indexOf('T');
        if (t < 0) {
            return false;
        }
        return u.indexOf('+', t) > 0 || u.indexOf('-', t) > 0;
    }

    /**
     * A value as a message shows it: at most 60 characters (then "…"), line breaks and tabs written as {@code \n},
     * {@code \r}, {@code \t}, so a warning or an error stays one line.
     */
    static String shorten(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return cut.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
