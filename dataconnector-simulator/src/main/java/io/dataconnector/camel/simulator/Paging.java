package io.dataconnector.camel.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list call: {@code limit} (default 20, capped by the server) and {@code offset}, after filtering and
 * sorting, in the {@code {pagination, results}} envelope.
 */
final class Paging {

    private static final int DEFAULT_LIMIT = 20;

    private Paging() {
    }

    /**
     * @param raws           raw request/job maps (see {@code raw()})
     * @param projectIdParam the {@code projectId} parameter of GET jobs, else null
     * @param maxPageLimit   server-side cap of limit; &lt;= 0 = none
     * @param renderer       renders one raw item of the page
     */
    static Map<String, Object> page(List<Map<String, Object>> raws, Map<String, List<String>> query,
                                    String projectIdParam, int maxPageLimit,
                                    Function<Map<String, Object>, Map<String, Object>> renderer) {
        int limit = QueryStrings.intParam(query, "limit", DEFAULT_LIMIT);
        int offset = QueryStrings.intParam(query, "offset", 0);
        if (limit < 1) {
            throw ApiError.badRequest("limit must be a positive integer.");
        }
        if (offset < 0) {
            throw ApiError.badRequest("offset must not be negative.");
        }
        if (maxPageLimit > 0 && limit > maxPageLimit) {
            limit = maxPageLimit;
        }
        List<Map<String, Object>> list = new ArrayList<>(raws);
        Filters.apply(list, query, projectIdParam);
        list.sort(Sorting.comparator(query, list));
        int total = list.size();
        List<Map<String, Object>> pageItems = offset >= total ? List.of()
                : list.subList(offset, Math.min(total, offset + limit));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("totalResults", total);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pagination", pagination);
        out.put("results", pageItems.stream().map(renderer).toList());
        return out;
    }
}
