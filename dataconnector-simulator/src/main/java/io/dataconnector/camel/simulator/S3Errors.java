package io.dataconnector.camel.simulator;

import java.time.Instant;

/** The XML error bodies S3 answers signed-URL downloads with. */
final class S3Errors {

    private S3Errors() {
    }

    static HttpReply error(int status, String code, String message) {
        return HttpReply.xml(status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }

    static HttpReply expired(Instant expiresAt, Instant now, String requestId) {
        return HttpReply.xml(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Expires>"
                + Timestamps.format(expiresAt) + "</Expires><ServerTime>" + Timestamps.format(now)
                + "</ServerTime><RequestId>" + requestId + "</RequestId></Error>");
    }
}
