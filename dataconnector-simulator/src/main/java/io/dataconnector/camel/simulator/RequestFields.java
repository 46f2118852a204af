package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads and validates the JSON fields of a data request (POST and PATCH bodies) onto a {@link RequestState}. */
final class RequestFields {

    static final Set<String> SCHEDULE_INTERVALS = Set.of("ONE_TIME", "DAY", "WEEK", "MONTH", "YEAR");
    static final Set<String> SERVICE_GROUPS = Set.of("all", "activities", "admin", "assets", "checklists", "cost",
            "dailylogs", "forms", "iq", "issues", "locations", "markups", "meetingminutes", "photos", "relationships",
            "reviews", "rfis", "schedule", "sheets", "submittals", "submittalsacc", "transmittals", "clashes",
            "takeoff", "cdcadmin", "cdcv2admin", "cdcchecklists", "cdccost", "cdcforms", "cdcissues", "cdclocations",
            "cdcmeetingminutes", "cdcrelationships", "cdcrfis", "cdcsubmittals", "cdctakeoff");
    static final Set<String> DATE_RANGES = Set.of("TODAY", "YESTERDAY", "PAST_7_DAYS", "MONTH_TO_DATE",
            "LAST_MONTH");
    static final Set<String> PROJECT_STATUSES = Set.of("all", "archived", "active");
    private static final int MAX_PROJECT_IDS = 50;

    private RequestFields() {
    }

    /** The body as a JSON object, or 400. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("A JSON request body is required.");
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("The request body is not valid JSON.");
        }
        if (!(n instanceof ObjectNode)) {
            throw ApiError.badRequest("The request body must be a JSON object.");
        }
        return (ObjectNode) n;
    }

    /** The fields POST requests must have. */
    static void requireCreateFields(ObjectNode b) {
        if (!b.hasNonNull("scheduleInterval")) {
            throw ApiError.badRequest("scheduleInterval is required.");
        }
        if (!b.hasNonNull("effectiveFrom")) {
            throw ApiError.badRequest("effectiveFrom is required.");
        }
        if (!b.hasNonNull("serviceGroups")) {
            throw ApiError.badRequest("serviceGroups is required.");
        }
    }

    /** Copies the fields a client can set. */
    static void copy(RequestState from, RequestState to) {
        to.description = from.description;
        to.isActive = from.isActive;
        to.projectId = from.projectId;
        to.projectIdList = from.projectIdList;
        to.scheduleInterval = from.scheduleInterval;
        to.reoccuringInterval = from.reoccuringInterval;
        to.effectiveFrom = from.effectiveFrom;
        to.effectiveTo = from.effectiveTo;
        to.serviceGroups = from.serviceGroups;
        to.callbackUrl = from.callbackUrl;
        to.sendEmail = from.sendEmail;
        to.startDate = from.startDate;
        to.endDate = from.endDate;
        to.dateRange = from.dateRange;
        to.projectStatus = from.projectStatus;
    }

    /** Applies the fields present in the body, then checks the rules across fields; 400 on the first problem. */
    static void apply(RequestState r, ObjectNode b) {
        if (b.has("description")) {
            r.description = textOrNull(b, "description");
        }
        if (b.has("isActive")) {
            r.isActive = bool(b, "isActive", true);
        }
        if (b.has("sendEmail")) {
            r.sendEmail = bool(b, "sendEmail", true);
        }
        if (b.has("scheduleInterval")) {
            String si = textOrNull(b, "scheduleInterval");
            if (si == null || !SCHEDULE_INTERVALS.contains(si)) {
                throw ApiError.badRequest("scheduleInterval must be one of ONE_TIME, DAY, WEEK, MONTH, YEAR.");
            }
            r.scheduleInterval = si;
        }
        // the API spells it "reoccuringInterval"; the correct spelling is accepted too
        String ri = b.has("reoccuringInterval") ? "reoccuringInterval"
                : b.has("reoccurringInterval") ? "reoccurringInterval" : null;
        if (ri != null) {
            r.reoccuringInterval = reoccuringInterval(b.get(ri));
        }
        if (b.has("effectiveFrom")) {
            r.effectiveFrom = instant(b, "effectiveFrom");
        }
        if (b.has("effectiveTo")) {
            r.effectiveTo = instant(b, "effectiveTo");
        }
        if (b.has("serviceGroups")) {
            r.serviceGroups = serviceGroups(b.get("serviceGroups"));
        }
        if (b.has("callbackUrl")) {
            r.callbackUrl = callbackUrl(textOrNull(b, "callbackUrl"));
        }
        if (b.has("projectId")) {
            String p = textOrNull(b, "projectId");
            r.projectId = p == null || p.isBlank() ? null : p;
        }
        if (b.has("projectIdList")) {
            r.projectIdList = projectIdList(b.get("projectIdList"));
        }
        if (b.has("startDate")) {
            r.startDate = dateString(b, "startDate");
        }
        if (b.has("endDate")) {
            r.endDate = dateString(b, "endDate");
        }
        if (b.has("dateRange")) {
            String d = textOrNull(b, "dateRange");
            if (d != null && !DATE_RANGES.contains(d)) {
                throw ApiError.badRequest("dateRange must be one of " + String.join(", ", new TreeSet<>(DATE_RANGES))
                        + ".");
            }
            r.dateRange = d;
        }
        if (b.has("projectStatus")) {
            String p = textOrNull(b, "projectStatus");
            if (p != null && !PROJECT_STATUSES.contains(p)) {
                throw ApiError.badRequest("projectStatus must be one of all, archived, active.");
            }
            r.projectStatus = p;
        }
        checkSchedule(r);
    }

    private static void checkSchedule(RequestState r) {
        if (!"ONE_TIME".equals(r.scheduleInterval)) {
            if (r.reoccuringInterval == null || r.reoccuringInterval <= 0) {
                throw ApiError.badRequest("reoccuringInterval is required and must be a positive integer when "
                        + "scheduleInterval is " + r.scheduleInterval + ".");
            }
            if (r.effectiveTo == null) {
                throw ApiError.badRequest("effectiveTo is required when scheduleInterval is " + r.scheduleInterval
                        + ".");
            }
        }
        if (r.effectiveFrom != null && r.effectiveTo != null && r.effectiveTo.isBefore(r.effectiveFrom)
                && !"ONE_TIME".equals(r.scheduleInterval)) {
            throw ApiError.badRequest("effectiveTo must not be before effectiveFrom.");
        }
    }

    private static Integer reoccuringInterval(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.canConvertToInt() && v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+")) {
            return v.asInt();
        }
        throw ApiError.badRequest("reoccuringInterval must be an integer.");
    }

    private static String callbackUrl(String cb) {
        if (cb == null || cb.isBlank()) {
            return null;
        }
        try {
            URI u = URI.create(cb);
            if (u.getScheme() == null || !u.getScheme().startsWith("http")) {
                throw ApiError.badRequest("callbackUrl must be an http(s) URL.");
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("callbackUrl must be an http(s) URL.");
        }
        return cb;
    }

    private static String textOrNull(ObjectNode b, String f) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ApiError.badRequest(f + " must be a string.");
        }
        return v.asText();
    }

    private static boolean bool(ObjectNode b, String f, boolean dflt) {
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw ApiError.badRequest(f + " must be a boolean.");
    }

    private static Instant instant(ObjectNode b, String f) {
        String s = textOrNull(b, f);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(f + " must be an ISO 8601 date-time.");
        }
    }

    /** startDate/endDate are validated but kept as sent. */
    private static String dateString(ObjectNode b, String f) {
        String s = textOrNull(b, f);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            Timestamps.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(f + " must be an ISO 8601 date-time.");
        }
        return s;
    }

    /** An array of strings or a comma list. */
    private static List<String> serviceGroups(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isTextual()) {
                    throw ApiError.badRequest("serviceGroups must be an array of strings.");
                }
                out.add(n.asText().trim());
            }
        } else if (v.isTextual()) {
            for (String s : v.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw ApiError.badRequest("serviceGroups must be an array of strings.");
        }
        if (out.isEmpty()) {
            throw ApiError.badRequest("serviceGroups must name at least one service group.");
        }
        for (String s : out) {
            if (!SERVICE_GROUPS.contains(s)) {
                throw ApiError.badRequest("Unknown service group: " + s + ".");
            }
        }
        return out;
    }

    /** An array, the JSON-encoded string the API itself renders, or a comma list. */
    private static List<String> projectIdList(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        JsonNode arr = v;
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.isEmpty()) {
                return null;
            }
            if (!s.startsWith("[")) {
                List<String> out = new ArrayList<>();
                for (String p : s.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.trim());
                    }
                }
                return checkProjectCount(out);
            }
            try {
                arr = Json.MAPPER.readTree(s);
            } catch (IOException e) {
                throw ApiError.badRequest("projectIdList must be an array of project ids.");
            }
        }
        if (!arr.isArray()) {
            throw ApiError.badRequest("projectIdList must be an array of project ids.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            if (!n.isTextual()) {
                throw ApiError.badRequest("projectIdList must be an array of project ids.");
            }
            out.add(n.asText());
        }
        return checkProjectCount(out);
    }

    private static List<String> checkProjectCount(List<String> ids) {
        if (ids.size() > MAX_PROJECT_IDS) {
            throw ApiError.badRequest("projectIdList may hold at most 50 project ids.");
        }
        return ids;
    }
}
