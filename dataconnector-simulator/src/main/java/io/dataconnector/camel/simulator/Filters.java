package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filter[field]=value} query parameters of the list calls (and {@code projectId} of GET jobs), applied
 * to raw request/job maps. Like the API, a filter on a field the items do not have is ignored.
 */
final class Filters {

    private static final Set<String> DATE_FIELDS = Set.of("createdAt", "updatedAt", "effectiveFrom", "effectiveTo",
            "startedAt", "completedAt", "startDate", "endDate", "lastQueuedAt", "lastDownloadedAt");

    private Filters() {
    }

    /** Removes the items that do not match from {@code list}. */
    static void apply(List<Map<String, Object>> list, Map<String, List<String>> query, String projectIdParam) {
        if (projectIdParam != null) {
            list.removeIf(m -> !matchesProject(m, projectIdParam));
        }
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            String k = q.getKey();
            if (!k.startsWith("filter[") || !k.endsWith("]")) {
                continue;
            }
            String field = k.substring(7, k.length() - 1);
            // the reference spells this filter both ways
            String f = field.equals("reocurringInterval") ? "reoccuringInterval" : field;
            String value = q.getValue().get(0);
            if (f.equals("projectId")) {
                if (!"null".equals(value)) {
                    list.removeIf(m -> !matchesProject(m, value));
                }
                continue;
            }
            if (list.stream().noneMatch(m -> m.containsKey(f)) && !list.isEmpty()) {
                continue;
            }
            if (DATE_FIELDS.contains(f) && value.contains("..")) {
                int i = value.indexOf("..");
                Instant from = rangeEnd(value.substring(0, i), f);
                Instant to = rangeEnd(value.substring(i + 2), f);
                list.removeIf(m -> {
                    Instant t = asInstant(m.get(f));
                    return t == null || from != null && t.isBefore(from) || to != null && t.isAfter(to);
                });
            } else if (DATE_FIELDS.contains(f)) {
                Instant at = rangeEnd(value, f);
                list.removeIf(m -> !at.equals(asInstant(m.get(f))));
            } else {
                list.removeIf(m -> m.get(f) == null ? !"null".equals(value)
                        : !String.valueOf(m.get(f)).equalsIgnoreCase(value));
            }
        }
    }

    /** projectId equal, or in projectIdList. */
    @SuppressWarnings("unchecked")
    private static boolean matchesProject(Map<String, Object> m, String projectId) {
        if (projectId.equals(m.get("projectId"))) {
            return true;
        }
        Object l = m.get("projectIdList");
        return l instanceof List && ((List<String>) l).contains(projectId);
    }

    private static Instant asInstant(Object v) {
        if (v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof String) {
            try {
                return Timestamps.parse((String) v);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** One end of a {@code first..last} range; null when open. */
    private static Instant rangeEnd(String s, String field) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("filter[" + field + "] must be an ISO 8601 date-time or a range first..last.");
        }
    }
}
