package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order of list results: {@code sortFields=a,-b} (unknown fields ignored, nulls last) and then createdAt,
 * ascending unless {@code sort=desc}.
 */
final class Sorting {

    private Sorting() {
    }

    @SuppressWarnings("unchecked")
    static Comparator<Map<String, Object>> comparator(Map<String, List<String>> query,
                                                     List<Map<String, Object>> items) {
        Comparator<Map<String, Object>> cmp = null;
        String sortFields = QueryStrings.first(query, "sortFields");
        if (sortFields != null) {
            for (String sf : sortFields.split(",")) {
                String s = sf.trim();
                boolean descending = s.startsWith("-");
                String name = descending ? s.substring(1).trim() : s;
                if (name.isEmpty() || items.stream().noneMatch(m -> m.containsKey(name))) {
                    continue;
                }
                Comparator<Comparable<Object>> order = descending
                        ? Comparator.nullsLast(Comparator.<Comparable<Object>>naturalOrder().reversed())
                        : Comparator.nullsLast(Comparator.naturalOrder());
                Comparator<Map<String, Object>> c = Comparator.comparing(
                        m -> (Comparable<Object>) comparable(m.get(name)), order);
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
        }
        Comparator<Map<String, Object>> byCreated = Comparator.comparing(m -> (Instant) m.get("createdAt"));
        if ("desc".equalsIgnoreCase(QueryStrings.first(query, "sort"))) {
            byCreated = byCreated.reversed();
        }
        return cmp == null ? byCreated : cmp.thenComparing(byCreated);
    }

    @SuppressWarnings("rawtypes")
    private static Comparable comparable(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Comparable) {
            return (Comparable) v;
        }
        return String.valueOf(v);
    }
}
