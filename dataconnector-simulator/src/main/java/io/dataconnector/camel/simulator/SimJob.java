package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a job held by the simulator.
 *
 * @param status           queued | running | complete
 * @param completionStatus success | failed | cancelled, or null while not complete
 * @param progress         0..100 while queued/running, null when complete
 */
public record SimJob(String id, String requestId, String accountId, String projectId, List<String> projectIdList,
                     String createdBy, String createdByEmail, Instant createdAt, String status, String completionStatus,
                     Instant startedAt, Instant completedAt, boolean sendEmail, Integer progress,
                     String lastDownloadedBy, Instant lastDownloadedAt, List<String> serviceGroups) {

    public boolean isComplete() {
        return "complete".equals(status);
    }

    public boolean isSuccess() {
        return isComplete() && "success".equals(completionStatus);
    }
}
