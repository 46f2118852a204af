package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Puts requests and jobs straight into the state, in any lifecycle stage, for tests and the sandbox. */
final class Seeder {

    private final SimulatorState state;
    private final SimulatorSettings settings;
    private final Clock clock;

    Seeder(SimulatorState state, SimulatorSettings settings, Clock clock) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
    }

    /** An active ONE_TIME request (all service groups) with no job. */
    SimRequest seedRequest() {
        return seedRequest(settings.accountId);
    }

    /** An active ONE_TIME request (all service groups) of this account, with no job. */
    SimRequest seedRequest(String accountId) {
        synchronized (state.lock) {
            Instant now = clock.instant();
            RequestState r = new RequestState();
            state.assignIds(r);
            r.description = "Seeded data request";
            r.accountId = accountId;
            r.createdBy = settings.userId;
            r.createdByEmail = settings.userEmail;
            r.createdAt = now;
            r.updatedBy = settings.userId;
            r.updatedAt = now;
            r.scheduleInterval = "ONE_TIME";
            r.effectiveFrom = now;
            r.serviceGroups = new ArrayList<>(List.of("all"));
            state.store(r);
            return r.snapshot();
        }
    }

    /** A job in this state that stays there until a test moves it. */
    SimJob seedJob(String requestId, String status, String completionStatus, Instant createdAt) {
        synchronized (state.lock) {
            RequestState r = state.requireRequest(requestId);
            JobState j = state.newJob(r, createdAt);
            switch (status) {
                case "queued":
                    break;
                case "running":
                    j.status = "running";
                    j.startedAt = createdAt.plusSeconds(5);
                    break;
                case "complete":
                    j.status = "complete";
                    j.startedAt = createdAt.plusSeconds(10);
                    j.completedAt = createdAt.plusSeconds(60);
                    j.completionStatus = completionStatus == null ? "success" : completionStatus;
                    break;
                default:
                    throw new IllegalArgumentException("status must be queued, running or complete");
            }
            if (r.lastQueuedAt == null || createdAt.isAfter(r.lastQueuedAt)) {
                r.lastQueuedAt = createdAt;
            }
            return j.snapshot(clock.instant());
        }
    }
}
