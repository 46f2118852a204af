package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.RequestState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@code requests} calls: create, list, get, update (PATCH) and delete data requests. */
final class RequestsApi {

    private final SimulatorState state;
    private final SimulatorSettings settings;
    private final JsonViews views;

    RequestsApi(SimulatorState state, SimulatorSettings settings, JsonViews views) {
        this.state = state;
        this.settings = settings;
        this.views = views;
    }

    /** POST requests: 201 as documented (configurable); the job quota applies. */
    HttpReply create(String body, Instant now) {
        RequestState r = state.newRequest(RequestFields.parseObject(body), now);
        state.activate(r, now, true);
        return HttpReply.json(settings.createRequestStatus, views.request(r));
    }

    HttpReply list(Map<String, List<String>> query) {
        List<Map<String, Object>> raws = state.liveRequests().stream().map(RequestState::raw).toList();
        return HttpReply.json(200, Paging.page(raws, query, null, settings.maxPageLimit, views::render));
    }

    HttpReply get(String id) {
        return HttpReply.json(200, views.request(find(id)));
    }

    HttpReply update(String id, String body, Instant now) {
        RequestState r = find(id);
        state.update(r, RequestFields.parseObject(body), now);
        return HttpReply.json(200, views.request(r));
    }

    HttpReply delete(String id) {
        state.delete(find(id));
        return HttpReply.empty(204);
    }

    private RequestState find(String id) {
        return ApiError.orNotFound(state.liveRequest(id));
    }
}
