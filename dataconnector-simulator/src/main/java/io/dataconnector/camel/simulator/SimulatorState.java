package io.dataconnector.camel.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data requests and jobs the simulator holds, and the job lifecycle: spawning (at once or at effectiveFrom),
 * queued → running → complete by the clock, the job quota, and completion callbacks.
 * <p>
 * Everything here is guarded by {@link #lock}; callers that read several things at once (the API handlers) hold it
 * for the whole call.
 */
final class SimulatorState {

    final Object lock = new Object();
    private final Map<String, RequestState> requests = new LinkedHashMap<>();
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    private final SimulatorSettings settings;
    private final Clock clock;
    private final IdSource ids;
    private final CallbackSender callbacks;
    private int failNext;

    SimulatorState(SimulatorSettings settings, Clock clock, CallbackSender callbacks) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new IdSource(settings.seed);
        this.callbacks = callbacks;
    }

    // ---------------------------------------------------------------- look-ups

    /** Requests not deleted, in creation order. */
    List<RequestState> liveRequests() {
        synchronized (lock) {
            return requests.values().stream().filter(r -> !r.deleted).toList();
        }
    }

    /** The request, or null when unknown or deleted. */
    RequestState liveRequest(String id) {
        synchronized (lock) {
            RequestState r = requests.get(id);
            return r == null || r.deleted ? null : r;
        }
    }

    Collection<JobState> jobs() {
        synchronized (lock) {
            return List.copyOf(jobs.values());
        }
    }

    /** The job, or null. */
    JobState job(String id) {
        synchronized (lock) {
            return jobs.get(id);
        }
    }

    RequestState requireRequest(String id) {
        RequestState r = liveRequest(id);
        if (r == null) {
            throw new IllegalArgumentException("No request " + id);
        }
        return r;
    }

    JobState requireJob(String id) {
        JobState j = job(id);
        if (j == null) {
            throw new IllegalArgumentException("No job " + id);
        }
        return j;
    }

    // ---------------------------------------------------------------- requests

    /** A validated request from a POST body (with an id), not yet stored: see {@link #activate}. */
    RequestState newRequest(ObjectNode body, Instant now) {
        synchronized (lock) {
            RequestState r = new RequestState();
            r.accountId = settings.accountId;
            r.createdBy = settings.userId;
            r.createdByEmail = settings.userEmail;
            r.createdAt = now;
            r.updatedBy = settings.userId;
            r.updatedAt = now;
            RequestFields.requireCreateFields(body);
            RequestFields.apply(r, body);
            assignIds(r);
            return r;
        }
    }

    /** Gives the request its sequence number and id (in this order: the ids depend on it). */
    void assignIds(RequestState r) {
        synchronized (lock) {
            r.seq = ids.nextSeq();
            r.id = ids.nextUuid();
        }
    }

    /** Stores a request without spawning anything. */
    void store(RequestState r) {
        synchronized (lock) {
            requests.put(r.id, r);
        }
    }

    /**
     * Stores a new request and, when active, spawns its first job or schedules it. One-time and recurring alike:
     * "If the date and time [effectiveFrom] is before the current time, execution of scheduling begins
     * immediately" - otherwise the first job is spawned at effectiveFrom.
     */
    void activate(RequestState r, Instant now, boolean enforceQuota) {
        synchronized (lock) {
            if (!r.isActive) {
                requests.put(r.id, r);
                return;
            }
            boolean runNow = r.effectiveFrom == null || !r.effectiveFrom.isAfter(now);
            if (runNow) {
                if (enforceQuota && quotaExceeded(now)) {
                    throw new ApiError(429, "Rate limit exceeded: an account can create at most "
                            + settings.jobQuota + " jobs within 24 hours.", "TOO_MANY_REQUESTS");
                }
                requests.put(r.id, r);
                spawn(r, now);
            } else {
                requests.put(r.id, r);
                r.pendingRunAt = r.effectiveFrom;
            }
        }
    }

    /** Applies a PATCH body; activating a one-time request that never ran spawns (or schedules) its job. */
    void update(RequestState r, ObjectNode body, Instant now) {
        synchronized (lock) {
            boolean wasActive = r.isActive;
            RequestState copy = new RequestState();
            RequestFields.copy(r, copy);
            RequestFields.apply(copy, body);
            RequestFields.copy(copy, r);
            r.updatedAt = now;
            r.updatedBy = settings.userId;
            if (!r.isActive) {
                r.pendingRunAt = null;
            } else if (!wasActive && "ONE_TIME".equals(r.scheduleInterval) && r.lastQueuedAt == null) {
                if (r.effectiveFrom == null || !r.effectiveFrom.isAfter(now)) {
                    spawn(r, now);
                } else {
                    r.pendingRunAt = r.effectiveFrom;
                }
            }
        }
    }

    void delete(RequestState r) {
        synchronized (lock) {
            r.deleted = true;
            r.pendingRunAt = null;
        }
    }

    private boolean quotaExceeded(Instant now) {
        if (settings.jobQuota <= 0) {
            return false;
        }
        Instant since = now.minus(Duration.ofHours(24));
        long n = jobs.values().stream().filter(j -> j.createdAt.isAfter(since)).count();
        return n >= settings.jobQuota;
    }

    // ---------------------------------------------------------------- jobs

    /** A stored queued job of the request that does not move on its own (runAt/doneAt unset). */
    JobState newJob(RequestState r, Instant createdAt) {
        synchronized (lock) {
            JobState j = new JobState();
            j.seq = ids.nextSeq();
            j.id = ids.nextUuid();
            j.requestId = r.id;
            j.accountId = r.accountId != null ? r.accountId : settings.accountId;
            j.projectId = r.projectId;
            j.projectIdList = r.projectIdList == null ? null : new ArrayList<>(r.projectIdList);
            j.createdBy = r.createdBy;
            j.createdByEmail = r.createdByEmail;
            j.createdAt = createdAt;
            j.sendEmail = r.sendEmail;
            j.startDate = r.startDate;
            j.endDate = r.endDate;
            j.serviceGroups = new ArrayList<>(r.serviceGroups);
            j.callbackUrl = r.callbackUrl;
            if (failNext > 0) {
                failNext--;
                j.plannedOutcome = "failed";
            }
            jobs.put(j.id, j);
            return j;
        }
    }

    /** A job that runs after the configured queued duration and completes after the running duration. */
    JobState spawn(RequestState r, Instant at) {
        synchronized (lock) {
            JobState j = newJob(r, at);
            j.runAt = at.plus(settings.queuedDuration);
            j.doneAt = j.runAt.plus(settings.runningDuration);
            r.lastQueuedAt = at;
            advance(j, clock.instant());
            return j;
        }
    }

    /** The next {@code n} new jobs will complete as failed. */
    void failNextJobs(int n) {
        synchronized (lock) {
            failNext = n;
        }
    }

    /** Spawns the jobs whose effectiveFrom has come and moves every job along by the clock. */
    void tick() {
        synchronized (lock) {
            Instant now = clock.instant();
            for (RequestState r : new ArrayList<>(requests.values())) {
                if (!r.deleted && r.isActive && r.pendingRunAt != null && !now.isBefore(r.pendingRunAt)) {
                    Instant at = r.pendingRunAt;
                    r.pendingRunAt = null;
                    spawn(r, at);
                }
            }
            advanceAll(now);
        }
    }

    void advanceAll(Instant now) {
        synchronized (lock) {
            for (JobState j : jobs.values()) {
                advance(j, now);
            }
        }
    }

    void advance(JobState j, Instant now) {
        synchronized (lock) {
            if ("queued".equals(j.status) && j.runAt != null && !now.isBefore(j.runAt)) {
                j.status = "running";
                j.startedAt = j.runAt;
            }
            if ("running".equals(j.status) && j.doneAt != null && !now.isBefore(j.doneAt)) {
                complete(j, j.doneAt, j.plannedOutcome);
            }
        }
    }

    /** Completes the job with this outcome; every outcome but "cancelled" sends the callback. */
    void complete(JobState j, Instant at, String outcome) {
        synchronized (lock) {
            if (j.startedAt == null) {
                j.startedAt = at;
            }
            j.status = "complete";
            j.completedAt = at;
            j.completionStatus = outcome;
            if (!"cancelled".equals(outcome)) {
                callbacks.send(j);
            }
        }
    }

    /**
     * Completes the job now with this outcome (null = its planned one); a complete job only gets its completion
     * status changed.
     */
    SimJob finish(String jobId, String outcome) {
        synchronized (lock) {
            JobState j = requireJob(jobId);
            Instant now = clock.instant();
            advance(j, now);
            if (!"complete".equals(j.status)) {
                complete(j, now, outcome == null ? j.plannedOutcome : outcome);
            } else if (outcome != null && !outcome.equals(j.completionStatus)) {
                j.completionStatus = outcome;
                j.extract = null;
            }
            return j.snapshot(now);
        }
    }

    /** Drops every cached extract (after a setting or custom file they depend on changed). */
    void invalidateExtracts() {
        synchronized (lock) {
            jobs.values().forEach(j -> j.extract = null);
        }
    }
}
