package io.dataconnector.camel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The time window [start, end) of a job of a date-range group (activities, cdc*): the rows it holds were created
 * (or, for cdc tables, changed) in it.
 *
 * @param start inclusive, a whole second
 * @param end   exclusive, after start
 */
record DateWindow(Instant start, Instant end) {

    DateWindow {
        start = start.truncatedTo(ChronoUnit.SECONDS).equals(start) ? start
                : start.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("Empty date window " + start + " .. " + end);
        }
    }

    /**
     * The window of a job: the request's {@code startDate}/{@code endDate} (ISO 8601) when set; only one of them set
     * means that day (Autodesk uses a single date for both); an end not after the start means the start's day.
     * Without dates: the day before the job's creation (UTC), Autodesk's default "YESTERDAY".
     *
     * @throws IllegalArgumentException naming the field when a date does not parse
     */
    static DateWindow of(String startDate, String endDate, Instant jobCreatedAt) {
        Instant s = parse("startDate", startDate);
        Instant e = parse("endDate", endDate);
        if (s == null && e == null) {
            Instant today = jobCreatedAt.truncatedTo(ChronoUnit.DAYS);
            return new DateWindow(today.minus(Duration.ofDays(1)), today);
        }
        if (s == null || e == null || !e.isAfter(s)) {
            Instant day = (s != null ? s : e).truncatedTo(ChronoUnit.DAYS);
            return new DateWindow(day, day.plus(Duration.ofDays(1)));
        }
        return new DateWindow(s, e);
    }

    boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    long seconds() {
        return Duration.between(start, end).getSeconds();
    }

    private static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(field + " is not an ISO 8601 date-time: " + value, ex);
        }
    }
}
