package io.dataconnector.camel.component;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.HttpResponseAware;

/**
 * The last poll of a jobs consumer ({@code dataconnector-poll-<routeId>}): UP when it listed the jobs, DOWN with its
 * error (one line; the HTTP status as detail) when it failed, UNKNOWN before the first poll. Reads the consumer's
 * state only: a check costs no API call. Details: {@code poll.last} (ISO-8601), {@code jobs.seen},
 * {@code jobs.claimed}.
 */
public class JobsConsumerPollHealthCheck extends AbstractHealthCheck {

    private final DataConnectorJobsConsumer consumer;

    public JobsConsumerPollHealthCheck(DataConnectorJobsConsumer consumer, String id) {
        super("camel", id);
        this.consumer = consumer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant last = consumer.getLastPollAt();
        builder.detail("jobs.seen", consumer.getJobsSeen());
        builder.detail("jobs.claimed", consumer.getJobsClaimed());
        if (last == null) {
            builder.unknown().message("No poll yet");
            return;
        }
        builder.detail("poll.last", last.toString());
        Throwable error = consumer.getLastPollError();
        if (error == null) {
            builder.up();
            return;
        }
        builder.down().message("The last poll failed: " + error.getMessage());
        if (error instanceof HttpResponseAware http && http.getHttpResponseCode() > 0) {
            builder.detail(HTTP_RESPONSE_CODE, http.getHttpResponseCode());
        }
    }
}
