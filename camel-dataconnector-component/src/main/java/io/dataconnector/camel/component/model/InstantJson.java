package io.dataconnector.camel.component.model;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Tolerant (de)serialization of the API's ISO-8601 date-times as {@link Instant}, without jackson-datatype-jsr310.
 * <p>
 * Accepted on input: an ISO-8601 date-time with an offset or {@code Z} ({@code 2020-11-06T19:09:40.106Z},
 * {@code 2020-11-06T20:09:40+01:00}), a date-time without offset (read as UTC), a plain date (midnight UTC),
 * JSON {@code null} and {@code ""} (both read as {@code null}). Anything else fails with a message naming the field.
 * Written as ISO-8601 in UTC with milliseconds: {@code 2020-11-06T19:09:40.106Z}.
 */
public final class InstantJson {

    /** The output format: ISO-8601, UTC, always with milliseconds. */
    public static final DateTimeFormatter FORMAT
            = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private InstantJson() {
    }

    /**
     * Parses a date-time the way the deserializer does.
     *
     * @return the instant, or {@code null} for {@code null} / blank text
     * @throws DateTimeException when the text is not an ISO-8601 date-time
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            // try the other accepted forms
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // try the other accepted forms
        }
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            throw new DateTimeException("'" + s + "' is not an ISO-8601 date-time (expected e.g. 2020-11-06T19:09:40.106Z)");
        }
    }

    /** Formats as ISO-8601 UTC with milliseconds; {@code null} gives {@code null}. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** Reads an {@link Instant} tolerantly. */
    public static final class Deserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_STRING) {
                String text = p.getText();
                try {
                    return parse(text);
                } catch (DateTimeException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                            "invalid date-time for field '%s': %s", fieldName(p), e.getMessage());
                }
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                // epoch milliseconds: not documented, but unambiguous
                return Instant.ofEpochMilli(p.getLongValue());
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, t, p,
                    "invalid date-time for field '%s': expected an ISO-8601 string but found %s", fieldName(p), t);
        }

        @Override
        public Instant getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** Writes an {@link Instant} as ISO-8601 UTC with milliseconds. */
    public static final class Serializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    static String fieldName(JsonParser p) {
        try {
            String name = p.currentName();
            return name == null ? "?" : name;
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
