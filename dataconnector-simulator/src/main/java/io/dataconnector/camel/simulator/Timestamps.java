package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The API's timestamp format ({@code 2025-03-01T10:00:00.000Z}) and the ISO 8601 forms it accepts. */
final class Timestamps {

    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** An instant ({@code ...Z}) or a date-time with an offset; throws {@link DateTimeParseException}. */
    static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }
}
