package io.dataconnector.camel.component.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

/**
 * The JSON conventions of the Data Connector API in one place: a shared, pre-configured {@link ObjectMapper} and the
 * conversions used by the producer.
 * <p>
 * The mapper ignores unknown properties, does not fail on empty beans, writes no nulls, reads and writes
 * {@link Instant} as ISO-8601 (jackson-datatype-jsr310; written in UTC with milliseconds), reads {@code ""} as null
 * for numbers and date-times and numeric strings as numbers (Jackson's coercion settings). It is thread-safe once configured: do not
 * reconfigure the shared instance; {@link ObjectMapper#copy()} it instead.
 */
public final class DataConnectorJson {

    private static final ObjectMapper MAPPER = createMapper();

    private DataConnectorJson() {
    }

    /** The format Instants are written in: ISO-8601 in UTC with milliseconds, e.g. 2020-11-06T19:09:40.106Z. */
    public static final String INSTANT_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    /** @return a new mapper configured like the shared one (for callers that need to customize it) */
    public static ObjectMapper createMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an epoch number for a date-time (undocumented) is read as milliseconds, not seconds
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.registerModule(new SimpleModule("dataconnector-instants")
                .addSerializer(Instant.class, new MillisInstantSerializer()));
        // the API sends "" for an absent number or date (e.g. "progress": ""); numeric strings ("size": "123") are
        // read by Jackson's default String-to-number coercion
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.DateTime)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        }
        return mapper;
    }

    /** jsr310's Instant serializer with the API's format, so that no more than milliseconds are sent. */
    private static final class MillisInstantSerializer extends InstantSerializer {
        private static final long serialVersionUID = 1L;

        MillisInstantSerializer() {
            super(InstantSerializer.INSTANCE, false, false,
                    DateTimeFormatter.ofPattern(INSTANT_PATTERN).withZone(ZoneOffset.UTC));
        }
    }

    /** @return the shared mapper; do not reconfigure it */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Converts a message body to a {@link DataRequest}.
     *
     * @param body a {@link DataRequest} (returned as is), a {@link Map} of its JSON fields, a {@link JsonNode}, a JSON
     *             {@link String}, {@code byte[]} (UTF-8 JSON) or an {@link InputStream} of JSON
     * @throws InvalidDataRequestException when a field has a bad value (its {@code getField()} names it)
     * @throws IllegalArgumentException    when the body is null, of another type, or not JSON
     */
    public static DataRequest toDataRequest(Object body) {
        if (body == null) {
            throw new IllegalArgumentException(
                    "Cannot convert a null message body to a DataRequest; expected a DataRequest, Map, JSON String,"
                                               + " byte[] or InputStream");
        }
        if (body instanceof DataRequest) {
            return (DataRequest) body;
        }
        String type = body.getClass().getName();
        try {
            if (body instanceof Map) {
                return MAPPER.convertValue(body, DataRequest.class);
            }
            if (body instanceof JsonNode) {
                return MAPPER.treeToValue((JsonNode) body, DataRequest.class);
            }
            if (body instanceof String) {
                return MAPPER.readValue((String) body, DataRequest.class);
            }
            if (body instanceof byte[]) {
                return MAPPER.readValue((byte[]) body, DataRequest.class);
            }
            if (body instanceof InputStream) {
                return MAPPER.readValue((InputStream) body, DataRequest.class);
            }
        } catch (IllegalArgumentException e) {
            // convertValue wraps the mapping exception
            if (e.getCause() instanceof JsonMappingException) {
                throw invalid(type, (JsonMappingException) e.getCause());
            }
            throw new IllegalArgumentException("Cannot convert message body of type " + type + " to a DataRequest: "
                                               + e.getMessage(), e);
        } catch (JsonMappingException e) {
            throw invalid(type, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot convert message body of type " + type
                                               + " to a DataRequest: it is not valid JSON (" + e.getOriginalMessage()
                                               + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read message body of type " + type + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Cannot convert message body of type " + type
                                           + " to a DataRequest; expected a DataRequest, Map, JSON String, byte[] or"
                                           + " InputStream");
    }

    private static IllegalArgumentException invalid(String type, JsonMappingException e) {
        String field = fieldOf(e);
        if (field == null) {
            return new IllegalArgumentException("Cannot convert message body of type " + type + " to a DataRequest: "
                                                + e.getOriginalMessage(), e);
        }
        return new InvalidDataRequestException(field, "Invalid data request field '" + field + "': "
                                                      + e.getOriginalMessage(), e);
    }

    /** @return the name of the deepest named field in the exception's path, or null */
    static String fieldOf(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            String name = path.get(i).getFieldName();
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** Reads a list answer ({@code {"pagination": …, "results": […]}}) of {@code itemType}. */
    public static <T> Page<T> readPage(InputStream in, Class<T> itemType) throws IOException {
        JavaType type = MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
        Page<T> page = MAPPER.readValue(in, type);
        if (page == null) {
            page = new Page<>();
        }
        return page;
    }

    /** Told about a listed record that was left out because it cannot be read. */
    @FunctionalInterface
    public interface UnreadableRecord {
        /**
         * @param index   the record's 0-based position in the page
         * @param id      its {@code id} when that is a plain id, else null
         * @param problem what cannot be read, naming the field but never its value (a value may be a secret)
         */
        void skipped(int index, String id, String problem);
    }

    /**
     * Reads a list answer of {@code itemType} record by record: a record that cannot be read is left out and reported
     * to {@code unreadable}; the others are returned. A page that is not a JSON object fails as a whole.
     */
    public static <T> Page<T> readPage(InputStream in, Class<T> itemType, UnreadableRecord unreadable)
            throws IOException {
        JsonNode root = MAPPER.readTree(in);
        Page<T> page = new Page<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return page;
        }
        if (!root.isObject()) {
            throw new JsonMappingException(null, "Expected a page of " + itemType.getSimpleName()
                                                 + " (a JSON object) but found " + root.getNodeType());
        }
        if (root.hasNonNull("pagination")) {
            page.setPagination(MAPPER.treeToValue(root.get("pagination"), Page.Pagination.class));
        }
        JsonNode results = root.get("results");
        List<T> items = new ArrayList<>();
        if (results != null && results.isArray()) {
            for (int i = 0; i < results.size(); i++) {
                JsonNode record = results.get(i);
                try {
                    if (!record.isObject()) {
                        throw new JsonMappingException(null, "not a JSON object but " + record.getNodeType());
                    }
                    items.add(MAPPER.treeToValue(record, itemType));
                } catch (JsonProcessingException e) {
                    unreadable.skipped(i, plainId(record), problem(e, itemType));
                }
            }
        } else if (results != null && !results.isNull()) {
            throw new JsonMappingException(null, "Expected 'results' to be an array but found " + results.getNodeType());
        }
        page.setResults(items);
        return page;
    }

    private static String plainId(JsonNode record) {
        JsonNode id = record.get("id");
        return id != null && id.isTextual() && id.asText().matches("[A-Za-z0-9._:-]{1,100}") ? id.asText() : null;
    }

    /** The field and the expected type, without the offending value. */
    private static String problem(JsonProcessingException e, Class<?> itemType) {
        if (e instanceof JsonMappingException mapping) {
            String field = fieldOf(mapping);
            if (field != null) {
                String expected = mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                        ? mismatch.getTargetType().getSimpleName() : "its documented type";
                return "field '" + field + "' cannot be read as " + expected;
            }
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("not a JSON object")) {
            return "the record is " + e.getOriginalMessage();
        }
        return "the record cannot be read as a " + itemType.getSimpleName() + " (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Reads a JSON array of {@code itemType}. A page object ({@code {"results": […]}}) is accepted too, its
     * results returned; an empty body or {@code null} gives an empty list.
     */
    public static <T> List<T> readList(InputStream in, Class<T> itemType) throws IOException {
        JsonNode node = MAPPER.readTree(in);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new ArrayList<>();
        }
        if (node.isObject() && node.has("results")) {
            node = node.get("results");
        }
        if (!node.isArray()) {
            throw new JsonMappingException(null,
                    "Expected a JSON array of " + itemType.getSimpleName() + " but found " + node.getNodeType());
        }
        JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, itemType);
        return MAPPER.readerFor(type).readValue(node);
    }

    /** Reads one JSON object of the given type; an empty body gives {@code null}. */
    public static <T> T read(InputStream in, Class<T> type) throws IOException {
        JsonNode node = MAPPER.readTree(in);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return MAPPER.treeToValue(node, type);
    }

    /** Writes a value as UTF-8 JSON (nulls omitted). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write " + (value == null ? "null" : value.getClass().getName())
                                           + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
