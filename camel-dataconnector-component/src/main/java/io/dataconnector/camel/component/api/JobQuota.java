package io.dataconnector.camel.component.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dataconnector.camel.component.model.Job;

/**
 * The account's job quota: the API lets an account (and a user) create at most {@value #DEFAULT_DAILY_JOBS} jobs in a
 * rolling 24 hours; past it {@code POST requests} answers 429 with a long Retry-After. Counting costs one call: one
 * page of the account's jobs, newest first.
 */
public final class JobQuota {

    /** The API's quota of jobs per account per rolling 24 hours. */
    public static final int DEFAULT_DAILY_JOBS = 24;
    /** The rolling window of the quota. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private static final int PAGE_SIZE = 50;

    /**
     * Jobs created within the window.
     *
     * @param count  jobs created since {@code now - 24 h} (at least this many when the page was full)
     * @param oldest the creation time of the oldest of them (it leaves the window 24 h later), or null when none
     */
    public record Usage(int count, Instant oldest) {
        /** When one more job fits again under {@code quota}, or null when it fits now. */
        public Instant freeAt(int quota) {
            return count < quota || oldest == null ? null : oldest.plus(WINDOW);
        }
    }

    private JobQuota() {
    }

    /**
     * Counts the account's jobs created in the last 24 hours, reading one page of its jobs sorted newest first.
     *
     * @throws DataConnectorException when the jobs cannot be listed
     */
    public static Usage usage(DataConnectorClient client, String accountId, Instant now) {
        Instant since = now.minus(WINDOW);
        List<Job> jobs = client.listJobs(accountId, new ListQuery("desc", null, PAGE_SIZE, 0, null, Map.of()))
                .getResults();
        List<Instant> recent = jobs.stream().map(Job::getCreatedAt).filter(Objects::nonNull)
                .filter(created -> !created.isBefore(since)).sorted().toList();
        return new Usage(recent.size(), recent.isEmpty() ? null : recent.get(0));
    }
}
