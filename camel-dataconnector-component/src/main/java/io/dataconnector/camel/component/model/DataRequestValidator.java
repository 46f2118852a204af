package io.dataconnector.camel.component.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a {@link DataRequest} against the API's documented rules before it is sent, so a bad request fails fast
 * with an {@link InvalidDataRequestException} naming the field instead of a terse 400.
 */
public final class DataRequestValidator {

    /** Schedule interval of a request that spawns a single job. */
    public static final String ONE_TIME = "ONE_TIME";

    /** Allowed {@code scheduleInterval} values. */
    public static final Set<String> SCHEDULE_INTERVALS = Set.of(ONE_TIME, "DAY", "WEEK", "MONTH", "YEAR");

    /** Allowed {@code serviceGroups} values. */
    public static final Set<String> SERVICE_GROUPS = Set.of("all", "activities", "admin", "assets", "checklists", "cost",
            "dailylogs", "forms", "iq", "issues", "locations", "markups", "meetingminutes", "photos", "relationships",
            "reviews", "rfis", "schedule", "sheets", "submittals", "submittalsacc", "transmittals");

    /** Allowed {@code dateRange} values. */
    public static final Set<String> DATE_RANGES = Set.of("TODAY", "YESTERDAY", "PAST_7_DAYS", "MONTH_TO_DATE",
            "LAST_MONTH");

    /** Allowed {@code projectStatus} values. */
    public static final Set<String> PROJECT_STATUSES = Set.of("all", "archived", "active");

    /** Maximum number of ids in {@code projectIdList}. */
    public static final int MAX_PROJECTS = 50;

    /** Longest startDate..endDate span the activities service group extracts; a longer one gets the default range. */
    public static final Duration MAX_ACTIVITIES_SPAN = Duration.ofDays(31);

    /** How far back (in months, from now) the activities service group can start. */
    public static final int MAX_ACTIVITIES_MONTHS_BACK = 12;

    private DataRequestValidator() {
    }

    /**
     * Validates a request to be created (POST): scheduleInterval, effectiveFrom and serviceGroups are required.
     *
     * @throws InvalidDataRequestException naming the first offending field
     */
    public static void validateForCreate(DataRequest r) {
        validateForCreate(r, Instant.now());
    }

    /**
     * As {@link #validateForCreate(DataRequest)}, with the current time given (the activities date range is checked
     * against it).
     */
    public static void validateForCreate(DataRequest r, Instant now) {
        if (r == null) {
            throw new InvalidDataRequestException(null, "The data request is null");
        }
        if (r.getScheduleInterval() == null || r.getScheduleInterval().isBlank()) {
            throw fail("scheduleInterval", "is required; one of " + sorted(SCHEDULE_INTERVALS));
        }
        if (r.getEffectiveFrom() == null) {
            throw fail("effectiveFrom", "is required (ISO-8601 date-time, e.g. 2020-11-06T19:09:40.106Z)");
        }
        if (r.getServiceGroups() == null || r.getServiceGroups().isEmpty()) {
            throw fail("serviceGroups", "is required and must list at least one of " + sorted(SERVICE_GROUPS));
        }
        validatePresent(r, now);
    }

    /**
     * Validates a request update (PATCH): only the fields present are checked, with the same cross-field rules
     * (reoccuringInterval / effectiveTo) when scheduleInterval is present.
     *
     * @throws InvalidDataRequestException naming the first offending field
     */
    public static void validateForUpdate(DataRequest r) {
        validateForUpdate(r, Instant.now());
    }

    /** As {@link #validateForUpdate(DataRequest)}, with the current time given. */
    public static void validateForUpdate(DataRequest r, Instant now) {
        if (r == null) {
            throw new InvalidDataRequestException(null, "The data request is null");
        }
        validatePresent(r, now);
    }

    private static void validatePresent(DataRequest r, Instant now) {
        String interval = r.getScheduleInterval();
        if (interval != null) {
            if (!SCHEDULE_INTERVALS.contains(interval)) {
                throw fail("scheduleInterval", "'" + interval + "' is not one of " + sorted(SCHEDULE_INTERVALS)
                                               + hint(interval, SCHEDULE_INTERVALS));
            }
            if (ONE_TIME.equals(interval)) {
                if (r.getEffectiveTo() != null) {
                    throw fail("effectiveTo", "must not be set when scheduleInterval is ONE_TIME");
                }
            } else {
                if (r.getReoccuringInterval() == null) {
                    throw fail("reoccuringInterval", "is required (a positive integer) when scheduleInterval is "
                                                     + interval);
                }
                if (r.getEffectiveTo() == null) {
                    throw fail("effectiveTo", "is required when scheduleInterval is " + interval);
                }
            }
        }
        if (r.getReoccuringInterval() != null && !ONE_TIME.equals(interval) && r.getReoccuringInterval() <= 0) {
            throw fail("reoccuringInterval", "must be a positive integer but was " + r.getReoccuringInterval());
        }
        if (r.getEffectiveFrom() != null && r.getEffectiveTo() != null
                && !r.getEffectiveTo().isAfter(r.getEffectiveFrom())) {
            throw fail("effectiveTo", "(" + format(r.getEffectiveTo()) + ") must be after effectiveFrom ("
                                      + format(r.getEffectiveFrom()) + ")");
        }
        List<String> projects = r.getProjectIdList();
        if (projects != null) {
            if (projects.isEmpty() || projects.size() > MAX_PROJECTS) {
                throw fail("projectIdList", "must hold 1 to " + MAX_PROJECTS + " project ids but holds "
                                            + projects.size());
            }
            for (int i = 0; i < projects.size(); i++) {
                String id = projects.get(i);
                if (id == null || id.isBlank()) {
                    throw fail("projectIdList", "holds a blank project id at index " + i);
                }
            }
        }
        List<String> groups = r.getServiceGroups();
        if (groups != null) {
            if (groups.isEmpty()) {
                throw fail("serviceGroups", "must list at least one of " + sorted(SERVICE_GROUPS));
            }
            for (String g : groups) {
                if (g == null || !SERVICE_GROUPS.contains(g)) {
                    throw fail("serviceGroups", "'" + g + "' is not a known service group; known: "
                                                + sorted(SERVICE_GROUPS) + hint(g, SERVICE_GROUPS));
                }
            }
        }
        if (r.getStartDate() != null && r.getEndDate() != null && r.getEndDate().isBefore(r.getStartDate())) {
            throw fail("endDate", "(" + format(r.getEndDate()) + ") must not be before startDate ("
                                  + format(r.getStartDate()) + ")");
        }
        if (groups != null && (groups.contains("activities") || groups.contains("all"))) {
            validateActivitiesRange(r, now);
        }
        if (r.getDateRange() != null && !DATE_RANGES.contains(r.getDateRange())) {
            throw fail("dateRange", "'" + r.getDateRange() + "' is not one of " + sorted(DATE_RANGES)
                                    + hint(r.getDateRange(), DATE_RANGES));
        }
        if (r.getProjectStatus() != null && !PROJECT_STATUSES.contains(r.getProjectStatus())) {
            throw fail("projectStatus", "'" + r.getProjectStatus() + "' is not one of " + sorted(PROJECT_STATUSES)
                                        + hint(r.getProjectStatus(), PROJECT_STATUSES));
        }
        if (r.getCallbackUrl() != null) {
            validateCallbackUrl(r.getCallbackUrl());
        }
    }

    /**
     * The activities service group extracts at most {@link #MAX_ACTIVITIES_SPAN} starting within the last
     * {@link #MAX_ACTIVITIES_MONTHS_BACK} months; beyond that the API silently returns its default range instead. A
     * single date stands for both ends, as the API reads it.
     */
    private static void validateActivitiesRange(DataRequest r, Instant now) {
        Instant start = r.getStartDate() != null ? r.getStartDate() : r.getEndDate();
        Instant end = r.getEndDate() != null ? r.getEndDate() : r.getStartDate();
        if (start == null) {
            return;
        }
        if (Duration.between(start, end).compareTo(MAX_ACTIVITIES_SPAN) > 0) {
            throw fail("endDate", "(" + format(end) + ") is " + Duration.between(start, end).toDays()
                                  + " days after startDate (" + format(start) + "); the activities service"
                                  + " group extracts at most " + MAX_ACTIVITIES_SPAN.toDays() + " days per request"
                                  + " (a longer range silently yields the default range): split it into several"
                                  + " requests");
        }
        Instant oldest = now.atZone(ZoneOffset.UTC).minusMonths(MAX_ACTIVITIES_MONTHS_BACK).toInstant();
        if (start.isBefore(oldest)) {
            String field = r.getStartDate() != null ? "startDate" : "endDate";
            throw fail(field, "(" + format(start) + ") is more than " + MAX_ACTIVITIES_MONTHS_BACK
                              + " months ago; the activities service group keeps data from "
                              + format(oldest) + " on");
        }
    }

    private static void validateCallbackUrl(String url) {
        String problem = null;
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || scheme == null) {
                problem = "is not an absolute URL";
            } else if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                problem = "must use http or https, not " + scheme;
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "has no host";
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            // the URL itself is shown redacted: a callback URL may embed a shared secret in its query
            throw fail("callbackUrl", "'" + SignedUrl.redact(url) + "' " + problem
                                      + "; expected an absolute http(s) URL");
        }
    }

    private static InvalidDataRequestException fail(String field, String what) {
        return new InvalidDataRequestException(field, "Invalid data request: " + field + " " + what);
    }

    private static String hint(String value, Set<String> allowed) {
        if (value == null) {
            return "";
        }
        for (String a : allowed) {
            if (!a.equals(value) && a.equalsIgnoreCase(value.trim())) {
                return " (did you mean " + a + "?)";
            }
        }
        return "";
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new TreeSet<>(values));
    }


    /** An instant as the API writes it (ISO-8601, UTC, milliseconds), for error messages. */
    private static String format(java.time.Instant instant) {
        return instant == null ? null
                : java.time.format.DateTimeFormatter.ofPattern(DataConnectorJson.INSTANT_PATTERN)
                        .withZone(java.time.ZoneOffset.UTC).format(instant);
    }
}
