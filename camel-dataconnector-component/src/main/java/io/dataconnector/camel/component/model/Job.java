package io.dataconnector.camel.component.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * A Data Connector job, spawned by a data request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Job {

    private String id;
    private String requestId;
    private String accountId;
    private String projectId;
    @JsonDeserialize(using = StringListDeserializer.class)
    private List<String> projectIdList;
    private String createdBy;
    private String createdByEmail;
    private Instant createdAt;
    private String status;
    private String completionStatus;
    private Instant startedAt;
    private Instant completedAt;
    private Boolean sendEmail;
    private Integer progress;
    private String lastDownloadedBy;
    private Instant lastDownloadedAt;
    private Instant startDate;
    private Instant endDate;

    /** @return the job id */
    public String getId() {
        return id;
    }

    /** @param id the job id */
    public void setId(String id) {
        this.id = id;
    }

    /** @return the id of the data request that spawned the job */
    public String getRequestId() {
        return requestId;
    }

    /** @param requestId the id of the data request that spawned the job */
    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    /** @return the account id */
    public String getAccountId() {
        return accountId;
    }

    /** @param accountId the account id */
    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    /** @return the legacy single project id */
    public String getProjectId() {
        return projectId;
    }

    /** @param projectId the legacy single project id */
    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    /** @return the project ids (read from an array or a JSON-encoded string, written as an array) */
    public List<String> getProjectIdList() {
        return projectIdList;
    }

    /** @param projectIdList the project ids (read from an array or a JSON-encoded string, written as an array) */
    public void setProjectIdList(List<String> projectIdList) {
        this.projectIdList = projectIdList;
    }

    /** @return the id of the creating user */
    public String getCreatedBy() {
        return createdBy;
    }

    /** @param createdBy the id of the creating user */
    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    /** @return the e-mail of the creating user */
    public String getCreatedByEmail() {
        return createdByEmail;
    }

    /** @param createdByEmail the e-mail of the creating user */
    public void setCreatedByEmail(String createdByEmail) {
        this.createdByEmail = createdByEmail;
    }

    /** @return when the job was created */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @param createdAt when the job was created */
    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    /** @return the job status: queued, running or complete */
    public String getStatus() {
        return status;
    }

    /** @param status the job status: queued, running or complete */
    public void setStatus(String status) {
        this.status = status;
    }

    /** @return the completion status: success, failed or cancelled (when complete) */
    public String getCompletionStatus() {
        return completionStatus;
    }

    /** @param completionStatus the completion status: success, failed or cancelled (when complete) */
    public void setCompletionStatus(String completionStatus) {
        this.completionStatus = completionStatus;
    }

    /** @return when the job started */
    public Instant getStartedAt() {
        return startedAt;
    }

    /** @param startedAt when the job started */
    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    /** @return when the job completed */
    public Instant getCompletedAt() {
        return completedAt;
    }

    /** @param completedAt when the job completed */
    public void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    /** @return whether an e-mail is sent on completion */
    public Boolean getSendEmail() {
        return sendEmail;
    }

    /** @param sendEmail whether an e-mail is sent on completion */
    public void setSendEmail(Boolean sendEmail) {
        this.sendEmail = sendEmail;
    }

    /** @return the progress in percent (the API may send {@code ""}, read as null) */
    public Integer getProgress() {
        return progress;
    }

    /** @param progress the progress in percent (the API may send {@code ""}, read as null) */
    public void setProgress(Integer progress) {
        this.progress = progress;
    }

    /** @return who last downloaded the extract */
    public String getLastDownloadedBy() {
        return lastDownloadedBy;
    }

    /** @param lastDownloadedBy who last downloaded the extract */
    public void setLastDownloadedBy(String lastDownloadedBy) {
        this.lastDownloadedBy = lastDownloadedBy;
    }

    /** @return when the extract was last downloaded */
    public Instant getLastDownloadedAt() {
        return lastDownloadedAt;
    }

    /** @param lastDownloadedAt when the extract was last downloaded */
    public void setLastDownloadedAt(Instant lastDownloadedAt) {
        this.lastDownloadedAt = lastDownloadedAt;
    }

    /** @return the start of the extracted date range */
    public Instant getStartDate() {
        return startDate;
    }

    /** @param startDate the start of the extracted date range */
    public void setStartDate(Instant startDate) {
        this.startDate = startDate;
    }

    /** @return the end of the extracted date range */
    public Instant getEndDate() {
        return endDate;
    }

    /** @param endDate the end of the extracted date range */
    public void setEndDate(Instant endDate) {
        this.endDate = endDate;
    }

    /** Job status: waiting to run. */
    public static final String STATUS_QUEUED = "queued";
    /** Job status: running. */
    public static final String STATUS_RUNNING = "running";
    /** Job status: finished (see completionStatus). */
    public static final String STATUS_COMPLETE = "complete";
    /** Completion status: the extract is available. */
    public static final String COMPLETION_SUCCESS = "success";
    /** Completion status: the job failed. */
    public static final String COMPLETION_FAILED = "failed";
    /** Completion status: the job was cancelled. */
    public static final String COMPLETION_CANCELLED = "cancelled";

    /** @return true when {@code status} is {@code complete} (whatever the completion status) */
    @JsonIgnore
    public boolean isComplete() {
        return STATUS_COMPLETE.equalsIgnoreCase(status);
    }

    /** @return true when the job is complete with completion status {@code success} */
    @JsonIgnore
    public boolean isSuccessful() {
        return isComplete() && COMPLETION_SUCCESS.equalsIgnoreCase(completionStatus);
    }

    @Override
    public String toString() {
        return "Job[" + "id=" + id + ", " + "requestId=" + requestId + ", " + "accountId=" + accountId + ", " + "projectId=" + projectId + ", " + "projectIdList=" + projectIdList + ", " + "status=" + status + ", " + "completionStatus=" + completionStatus + ", " + "createdAt=" + createdAt + ", " + "startedAt=" + startedAt + ", " + "completedAt=" + completedAt + ", " + "progress=" + progress + "]";
    }
}
