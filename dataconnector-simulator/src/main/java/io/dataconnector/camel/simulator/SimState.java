package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable records of requests and jobs, with their raw maps and public snapshots; guarded by
 * {@link SimulatorState#lock}.
 */
final class SimState {

    private SimState() {
    }

    static final class RequestState {
        long seq;
        String id;
        String description;
        boolean isActive = true;
        String accountId;
        String projectId;
        List<String> projectIdList;
        String createdBy;
        String createdByEmail;
        Instant createdAt;
        String updatedBy;
        Instant updatedAt;
        String scheduleInterval;
        Integer reoccuringInterval;
        Instant effectiveFrom;
        Instant effectiveTo;
        Instant lastQueuedAt;
        List<String> serviceGroups = new ArrayList<>();
        String callbackUrl;
        boolean sendEmail = true;
        String startDate;
        String endDate;
        String dateRange;
        String projectStatus;
        /** The first job of a request (one-time or recurring), waiting for effectiveFrom. */
        Instant pendingRunAt;
        boolean deleted;

        Map<String, Object> raw() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("description", description);
            m.put("isActive", isActive);
            m.put("accountId", accountId);
            m.put("projectId", projectId);
            m.put("projectIdList", projectIdList);
            m.put("createdBy", createdBy);
            m.put("createdByEmail", createdByEmail);
            m.put("createdAt", createdAt);
            m.put("updatedBy", updatedBy);
            m.put("updatedAt", updatedAt);
            m.put("scheduleInterval", scheduleInterval);
            m.put("reoccuringInterval", reoccuringInterval);
            m.put("effectiveFrom", effectiveFrom);
            m.put("effectiveTo", effectiveTo);
            m.put("lastQueuedAt", lastQueuedAt);
            m.put("serviceGroups", serviceGroups);
            m.put("callbackUrl", callbackUrl);
            m.put("sendEmail", sendEmail);
            m.put("startDate", startDate);
            m.put("endDate", endDate);
            m.put("dateRange", dateRange);
            m.put("projectStatus", projectStatus);
            return m;
        }

        SimRequest snapshot() {
            return new SimRequest(id, description, isActive, accountId, projectId,
                    projectIdList == null ? null : List.copyOf(projectIdList), createdBy, createdByEmail, createdAt,
                    updatedBy, updatedAt, scheduleInterval, reoccuringInterval, effectiveFrom, effectiveTo,
                    lastQueuedAt, List.copyOf(serviceGroups), callbackUrl, sendEmail, startDate, endDate, dateRange,
                    projectStatus);
        }
    }

    static final class JobState {
        long seq;
        String id;
        String requestId;
        String accountId;
        String projectId;
        List<String> projectIdList;
        String createdBy;
        String createdByEmail;
        Instant createdAt;
        String status = "queued";
        String completionStatus;
        Instant startedAt;
        Instant completedAt;
        boolean sendEmail = true;
        String lastDownloadedBy;
        Instant lastDownloadedAt;
        String startDate;
        String endDate;
        List<String> serviceGroups = new ArrayList<>();
        String callbackUrl;
        /** When it turns running / complete on its own; null = never (waits for a test). */
        Instant runAt;
        Instant doneAt;
        String plannedOutcome = "success";
        Extract extract;
        final Map<String, ContentSource> customFiles = new LinkedHashMap<>();
        final Map<String, ExtractGenerator.TableOverride> customTables = new LinkedHashMap<>();
        final Map<String, byte[]> extraZipEntries = new LinkedHashMap<>();

        Integer progress(Instant now) {
            switch (status) {
                case "queued":
                    return 0;
                case "running":
                    if (doneAt == null || startedAt == null || !doneAt.isAfter(startedAt)) {
                        return 50;
                    }
                    long total = doneAt.toEpochMilli() - startedAt.toEpochMilli();
                    long done = now.toEpochMilli() - startedAt.toEpochMilli();
                    return (int) Math.max(1, Math.min(99, done * 100 / total));
                default:
                    return null;
            }
        }

        Map<String, Object> raw(Instant now) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("requestId", requestId);
            m.put("accountId", accountId);
            m.put("projectId", projectId);
            m.put("projectIdList", projectIdList);
            m.put("createdBy", createdBy);
            m.put("createdByEmail", createdByEmail);
            m.put("createdAt", createdAt);
            m.put("status", status);
            m.put("completionStatus", completionStatus);
            m.put("startedAt", startedAt);
            m.put("completedAt", completedAt);
            m.put("sendEmail", sendEmail);
            Integer p = progress(now);
            m.put("progress", p == null ? "" : p);
            m.put("lastDownloadedBy", lastDownloadedBy);
            m.put("lastDownloadedAt", lastDownloadedAt);
            m.put("startDate", startDate);
            m.put("endDate", endDate);
            return m;
        }

        SimJob snapshot(Instant now) {
            return new SimJob(id, requestId, accountId, projectId,
                    projectIdList == null ? null : List.copyOf(projectIdList), createdBy, createdByEmail, createdAt,
                    status, completionStatus, startedAt, completedAt, sendEmail, progress(now), lastDownloadedBy,
                    lastDownloadedAt, List.copyOf(serviceGroups));
        }
    }
}
