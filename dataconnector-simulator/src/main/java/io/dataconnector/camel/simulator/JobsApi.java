package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The job calls: list the jobs (of the account or of one request), get one, cancel one. */
final class JobsApi {

    private final SimulatorState state;
    private final SimulatorSettings settings;
    private final JsonViews views;

    JobsApi(SimulatorState state, SimulatorSettings settings, JsonViews views) {
        this.state = state;
        this.settings = settings;
        this.views = views;
    }

    /** GET requests/:id/jobs. */
    HttpReply listOfRequest(String requestId, Map<String, List<String>> query, Instant now) {
        RequestState r = ApiError.orNotFound(state.liveRequest(requestId));
        List<Map<String, Object>> raws = state.jobs().stream().filter(j -> j.requestId.equals(r.id))
                .map(j -> j.raw(now)).toList();
        return HttpReply.json(200, Paging.page(raws, query, null, settings.maxPageLimit, views::render));
    }

    /** GET jobs of the account in the path, optionally narrowed by {@code projectId}. */
    HttpReply list(String accountId, Map<String, List<String>> query, Instant now) {
        List<Map<String, Object>> raws = state.jobs().stream().filter(j -> accountId.equals(j.accountId))
                .map(j -> j.raw(now)).toList();
        return HttpReply.json(200, Paging.page(raws, query, QueryStrings.first(query, "projectId"),
                settings.maxPageLimit, views::render));
    }

    HttpReply get(String id, Instant now) {
        return HttpReply.json(200, views.job(find(id), now));
    }

    /** DELETE jobs/:id: 204, or 400 when the job is already complete. */
    HttpReply cancel(String id, Instant now) {
        JobState j = find(id);
        if ("complete".equals(j.status)) {
            throw ApiError.badRequest("The job is already complete and cannot be cancelled.");
        }
        state.complete(j, now, "cancelled");
        return HttpReply.empty(204);
    }

    private JobState find(String id) {
        return ApiError.orNotFound(state.job(id));
    }
}
