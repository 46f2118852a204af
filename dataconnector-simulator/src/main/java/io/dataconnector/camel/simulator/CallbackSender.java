package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.DataConnectorSimulator.CallbackRecord;
import io.dataconnector.camel.simulator.SimState.JobState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** POSTs job-completion callbacks to a request's callbackUrl and records each attempt. */
final class CallbackSender {

    private final String accountId;
    private final List<CallbackRecord> sent = new CopyOnWriteArrayList<>();
    private volatile HttpClient client;

    CallbackSender(String accountId) {
        this.accountId = accountId;
    }

    /** Callbacks are only sent once the simulator has started. */
    void start() {
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    List<CallbackRecord> sent() {
        return List.copyOf(sent);
    }

    /** Asynchronous: never blocks the caller (which holds the state lock). */
    void send(JobState j) {
        String url = j.callbackUrl;
        HttpClient c = client;
        if (url == null || url.isBlank() || c == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId);
        body.put("requestId", j.requestId);
        body.put("jobId", j.id);
        body.put("state", "complete");
        body.put("success", "success".equals(j.plannedOutcome) && !"failed".equals(j.completionStatus));
        String text = Json.write(body);
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build();
            c.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((resp, err) -> sent.add(new CallbackRecord(url, text,
                            resp == null ? -1 : resp.statusCode(), err == null ? null : err.toString())));
        } catch (RuntimeException e) {
            sent.add(new CallbackRecord(url, text, -1, e.toString()));
        }
    }
}
