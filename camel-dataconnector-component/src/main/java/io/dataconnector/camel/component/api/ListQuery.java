package io.dataconnector.camel.component.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query parameters of the API's list endpoints. {@code filters} are sent as {@code filter[field]=value}.
 */
public record ListQuery(String sort, String sortFields, Integer limit, Integer offset, String projectId,
        Map<String, String> filters) {

    public ListQuery {
        filters = filters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    public static ListQuery defaults() {
        return new ListQuery(null, null, null, null, null, Map.of());
    }

    public ListQuery withOffset(int newOffset) {
        return new ListQuery(sort, sortFields, limit, newOffset, projectId, filters);
    }

    public ListQuery withSort(String newSort) {
        return new ListQuery(newSort, sortFields, limit, offset, projectId, filters);
    }

    public ListQuery withLimit(Integer newLimit) {
        return new ListQuery(sort, sortFields, newLimit, offset, projectId, filters);
    }

    /** The query string (without {@code ?}), empty when nothing is set. */
    public String toQueryString() {
        StringJoiner query = new StringJoiner("&");
        add(query, "sort", sort);
        add(query, "limit", limit);
        add(query, "offset", offset);
        add(query, "projectId", projectId);
        add(query, "sortFields", sortFields);
        filters.forEach((field, value) -> add(query, "filter[" + field + "]", value));
        return query.toString();
    }

    private static void add(StringJoiner query, String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            query.add(encode(name) + "=" + encode(value.toString()));
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }
}
