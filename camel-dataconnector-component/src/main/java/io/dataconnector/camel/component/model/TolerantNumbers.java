package io.dataconnector.camel.component.model;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Tolerant readers for the API's numbers, which the documented examples sometimes send as strings
 * ({@code "size": "123456"}) or as empty strings ({@code "progress": ""}).
 * JSON numbers, numeric strings, {@code ""} and {@code null} (the last two read as {@code null}) are accepted;
 * anything else fails with a message naming the field.
 */
public final class TolerantNumbers {

    private TolerantNumbers() {
    }

    /** Reads an {@link Integer} from a number, a numeric string, {@code ""} or {@code null}. */
    public static final class IntegerDeserializer extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        public IntegerDeserializer() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Long v = readLong(p, ctxt, Integer.class);
            if (v == null) {
                return null;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                return (Integer) ctxt.handleWeirdNumberValue(Integer.class, v,
                        "number out of range for field '%s'", InstantJson.fieldName(p));
            }
            return v.intValue();
        }

        @Override
        public Integer getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** Reads a {@link Long} from a number, a numeric string, {@code ""} or {@code null}. */
    public static final class LongDeserializer extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        public LongDeserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return readLong(p, ctxt, Long.class);
        }

        @Override
        public Long getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    static Long readLong(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    ctxt.handleWeirdNumberValue(type, p.getNumberValue(),
                            "number out of range for field '%s'", InstantJson.fieldName(p));
                    return null;
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT: {
                BigDecimal d = p.getDecimalValue();
                return integral(d, p, ctxt, type, d.toPlainString());
            }
            case VALUE_STRING: {
                String s = p.getText().trim();
                if (s.isEmpty()) {
                    return null;
                }
                BigDecimal d;
                try {
                    d = new BigDecimal(s);
                } catch (NumberFormatException e) {
                    ctxt.handleWeirdStringValue(type, s, "not a number for field '%s'", InstantJson.fieldName(p));
                    return null;
                }
                return integral(d, p, ctxt, type, s);
            }
            default:
                ctxt.handleUnexpectedToken(type, t, p, "expected a number for field '%s' but found %s",
                        InstantJson.fieldName(p), t);
                return null;
        }
    }

    private static Long integral(BigDecimal d, JsonParser p, DeserializationContext ctxt, Class<?> type, String text)
            throws IOException {
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            ctxt.handleWeirdStringValue(type, text, "not a whole number (or out of range) for field '%s'",
                    InstantJson.fieldName(p));
            return null;
        }
    }
}
