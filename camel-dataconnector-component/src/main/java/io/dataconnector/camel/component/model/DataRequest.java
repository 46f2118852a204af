package io.dataconnector.camel.component.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * A Data Connector data request (the {@code requests} resource).
 * <p>
 * Unknown fields are ignored on input; only non-null fields are written, so a PATCH sends only what was set.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataRequest {

    private String id;
    private String description;
    @JsonProperty("isActive")
    private Boolean isActive;
    private String accountId;
    private String projectId;
    @JsonDeserialize(using = StringListDeserializer.class)
    private List<String> projectIdList;
    private String createdBy;
    private String createdByEmail;
    private Instant createdAt;
    private String updatedBy;
    private Instant updatedAt;
    private String scheduleInterval;
    @JsonProperty("reoccuringInterval")
    @JsonAlias({"reoccurringInterval", "reocurringInterval"})
    private Integer reoccuringInterval;
    private Instant effectiveFrom;
    private Instant effectiveTo;
    private Instant lastQueuedAt;
    @JsonDeserialize(using = StringListDeserializer.class)
    private List<String> serviceGroups;
    private String callbackUrl;
    private Boolean sendEmail;
    private Instant startDate;
    private Instant endDate;
    private String dateRange;
    private String projectStatus;

    /** @return the data request id */
    public String getId() {
        return id;
    }

    /** @param id the data request id */
    public void setId(String id) {
        this.id = id;
    }

    /** @return the description of the data request */
    public String getDescription() {
        return description;
    }

    /** @param description the description of the data request */
    public void setDescription(String description) {
        this.description = description;
    }

    /** @return whether the request is active (JSON {@code isActive}) */
    public Boolean getIsActive() {
        return isActive;
    }

    /** @param isActive whether the request is active (JSON {@code isActive}) */
    public void setIsActive(Boolean isActive) {
        this.isActive = isActive;
    }

    /** @return the account id */
    public String getAccountId() {
        return accountId;
    }

    /** @param accountId the account id */
    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    /** @return the legacy single project id (superseded by projectIdList) */
    public String getProjectId() {
        return projectId;
    }

    /** @param projectId the legacy single project id (superseded by projectIdList) */
    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    /** @return up to 50 project ids (read from an array or a JSON-encoded string, written as an array) */
    public List<String> getProjectIdList() {
        return projectIdList;
    }

    /** @param projectIdList up to 50 project ids (read from an array or a JSON-encoded string, written as an array) */
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

    /** @return when the request was created */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @param createdAt when the request was created */
    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    /** @return the id of the last updating user */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /** @param updatedBy the id of the last updating user */
    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    /** @return when the request was last updated */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** @param updatedAt when the request was last updated */
    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** @return the schedule unit: ONE_TIME, DAY, WEEK, MONTH or YEAR */
    public String getScheduleInterval() {
        return scheduleInterval;
    }

    /** @param scheduleInterval the schedule unit: ONE_TIME, DAY, WEEK, MONTH or YEAR */
    public void setScheduleInterval(String scheduleInterval) {
        this.scheduleInterval = scheduleInterval;
    }

    /** @return the number of scheduleInterval units between jobs (JSON {@code reoccuringInterval}, as the API spells it) */
    public Integer getReoccuringInterval() {
        return reoccuringInterval;
    }

    /** @param reoccuringInterval the number of scheduleInterval units between jobs (JSON {@code reoccuringInterval}, as the API spells it) */
    public void setReoccuringInterval(Integer reoccuringInterval) {
        this.reoccuringInterval = reoccuringInterval;
    }

    /** @return when the schedule starts */
    public Instant getEffectiveFrom() {
        return effectiveFrom;
    }

    /** @param effectiveFrom when the schedule starts */
    public void setEffectiveFrom(Instant effectiveFrom) {
        this.effectiveFrom = effectiveFrom;
    }

    /** @return when the schedule ends (absent for ONE_TIME) */
    public Instant getEffectiveTo() {
        return effectiveTo;
    }

    /** @param effectiveTo when the schedule ends (absent for ONE_TIME) */
    public void setEffectiveTo(Instant effectiveTo) {
        this.effectiveTo = effectiveTo;
    }

    /** @return when a job was last queued for this request */
    public Instant getLastQueuedAt() {
        return lastQueuedAt;
    }

    /** @param lastQueuedAt when a job was last queued for this request */
    public void setLastQueuedAt(Instant lastQueuedAt) {
        this.lastQueuedAt = lastQueuedAt;
    }

    /** @return the service groups to extract, e.g. admin, issues (read from an array or a JSON-encoded string) */
    public List<String> getServiceGroups() {
        return serviceGroups;
    }

    /** @param serviceGroups the service groups to extract (e.g. admin, issues) */
    public void setServiceGroups(List<String> serviceGroups) {
        this.serviceGroups = serviceGroups;
    }

    /** @return the URL the API POSTs to when a job completes */
    public String getCallbackUrl() {
        return callbackUrl;
    }

    /** @param callbackUrl the URL the API POSTs to when a job completes */
    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    /** @return whether an e-mail is sent when a job completes */
    public Boolean getSendEmail() {
        return sendEmail;
    }

    /** @param sendEmail whether an e-mail is sent when a job completes */
    public void setSendEmail(Boolean sendEmail) {
        this.sendEmail = sendEmail;
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

    /** @return the relative date range: TODAY, YESTERDAY, PAST_7_DAYS, MONTH_TO_DATE or LAST_MONTH */
    public String getDateRange() {
        return dateRange;
    }

    /** @param dateRange the relative date range: TODAY, YESTERDAY, PAST_7_DAYS, MONTH_TO_DATE or LAST_MONTH */
    public void setDateRange(String dateRange) {
        this.dateRange = dateRange;
    }

    /** @return the project status filter: all, archived or active */
    public String getProjectStatus() {
        return projectStatus;
    }

    /** @param projectStatus the project status filter: all, archived or active */
    public void setProjectStatus(String projectStatus) {
        this.projectStatus = projectStatus;
    }


    @Override
    public String toString() {
        return "DataRequest[" + "id=" + id + ", " + "description=" + description + ", " + "isActive=" + isActive + ", " + "accountId=" + accountId + ", " + "projectId=" + projectId + ", " + "projectIdList=" + projectIdList + ", " + "scheduleInterval=" + scheduleInterval + ", " + "reoccuringInterval=" + reoccuringInterval + ", " + "effectiveFrom=" + effectiveFrom + ", " + "effectiveTo=" + effectiveTo + ", " + "serviceGroups=" + serviceGroups + ", " + "sendEmail=" + sendEmail + ", " + "startDate=" + startDate + ", " + "endDate=" + endDate + ", " + "dateRange=" + dateRange + ", " + "projectStatus=" + projectStatus + "]";
    }
}
