package io.dataconnector.camel.component.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a list field of the model ({@code projectIdList}, {@code serviceGroups}), which the API documents as an array
 * but sends in its examples as a JSON-encoded string of an array ({@code "[ \"a\", \"b\" ]"}). Accepted: a JSON
 * array of strings, such an encoded string, a plain comma-separated string, {@code null} (read as {@code null}) and
 * {@code ""} (read as {@code null}).
 */
public final class StringListDeserializer extends StdDeserializer<List<String>> {
    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();

    public StringListDeserializer() {
        super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_ARRAY) {
            return readArray(p, ctxt);
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            if (s.isEmpty() || "null".equals(s)) {
                return null;
            }
            if (s.startsWith("[")) {
                try (JsonParser inner = JSON.createParser(s)) {
                    if (inner.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException("not an array");
                    }
                    List<String> items = readArray(inner, ctxt);
                    if (inner.nextToken() != null) {
                        throw new IOException("trailing content");
                    }
                    return items;
                } catch (IOException e) {
                    @SuppressWarnings("unchecked")
                    List<String> r = (List<String>) ctxt.handleWeirdStringValue(List.class, s,
                            "field '%s' holds a string that is not a JSON array of strings", fieldName(p));
                    return r;
                }
            }
            List<String> items = new ArrayList<>();
            for (String part : s.split(",")) {
                String id = part.trim();
                if (!id.isEmpty()) {
                    items.add(id);
                }
            }
            return items;
        }
        @SuppressWarnings("unchecked")
        List<String> r = (List<String>) ctxt.handleUnexpectedToken(List.class, t, p,
                "field '%s' must be an array of strings (or a JSON-encoded string of one), found %s",
                fieldName(p), t);
        return r;
    }

    private static List<String> readArray(JsonParser p, DeserializationContext ctxt) throws IOException {
        List<String> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new IOException("unterminated array");
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t.isScalarValue()) {
                items.add(p.getText());
            } else {
                ctxt.handleUnexpectedToken(String.class, t, p,
                        "list items must be strings, found %s", t);
                p.skipChildren();
            }
        }
        return items;
    }

    private static String fieldName(JsonParser p) {
        try {
            String name = p.currentName();
            return name == null ? "?" : name;
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public List<String> getNullValue(DeserializationContext ctxt) {
        return null;
    }
}
