package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.List;

/** A snapshot of a data request held by the simulator. */
public record SimRequest(String id, String description, boolean isActive, String accountId, String projectId,
                         List<String> projectIdList, String createdBy, String createdByEmail, Instant createdAt,
                         String updatedBy, Instant updatedAt, String scheduleInterval, Integer reoccuringInterval,
                         Instant effectiveFrom, Instant effectiveTo, Instant lastQueuedAt, List<String> serviceGroups,
                         String callbackUrl, boolean sendEmail, String startDate, String endDate, String dateRange,
                         String projectStatus) {
}
