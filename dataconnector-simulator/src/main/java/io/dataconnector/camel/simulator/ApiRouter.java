package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.ApiPaths.ApiPath;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hands an admitted API call to the handler of its operation, holding the state lock for the whole call. */
final class ApiRouter {

    private final SimulatorState state;
    private final Clock clock;
    private final RequestsApi requests;
    private final JobsApi jobs;
    private final DataApi data;

    ApiRouter(SimulatorState state, Clock clock, RequestsApi requests, JobsApi jobs, DataApi data) {
        this.state = state;
        this.clock = clock;
        this.requests = requests;
        this.jobs = jobs;
        this.data = data;
    }

    HttpReply route(Operation op, ApiPath path, Map<String, List<String>> query, String body) {
        synchronized (state.lock) {
            Instant now = clock.instant();
            switch (op) {
                case CREATE_REQUEST:
                    return requests.create(body, now);
                case LIST_REQUESTS:
                    return requests.list(query);
                case GET_REQUEST:
                    return requests.get(path.segment(1));
                case UPDATE_REQUEST:
                    return requests.update(path.segment(1), body, now);
                case DELETE_REQUEST:
                    return requests.delete(path.segment(1));
                case LIST_REQUEST_JOBS:
                    return jobs.listOfRequest(path.segment(1), query, now);
                case LIST_JOBS:
                    return jobs.list(path.accountId(), query, now);
                case GET_JOB:
                    return jobs.get(path.segment(1), now);
                case CANCEL_JOB:
                    return jobs.cancel(path.segment(1), now);
                case LIST_JOB_FILES:
                    return data.listing(path.segment(1));
                case GET_JOB_FILE_URL:
                    return data.fileUrl(path.segment(1), path.segment(3), now);
                default:
                    throw ApiError.notFound();
            }
        }
    }
}
