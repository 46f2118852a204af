package io.dataconnector.camel.examples;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Java example: every completed job of the account (the {@code dataconnector:jobs} consumer, once per job) has
 * one file of its extract downloaded to {@code <example.output-dir>/<job id>/<file name>}.
 *
 * <p>Properties: {@code example.file-name} (default {@code admin_users.csv}), {@code example.output-dir} (default
 * {@code extracts}), {@code example.poll-delay} (ms between polls, default 15 minutes). The connection is the
 * component's ({@code camel.component.dataconnector.*}).
 */
public class CompletedJobFilesRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("dataconnector:jobs?delay={{example.poll-delay:900000}}"
             // which jobs are done: in memory here (emitted again after a restart); use dataSource=#yourDb in production
             + "&idempotentRepository=#class:org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository")
                .routeId("completed-job-files")
                .streamCache("false")
                .log("Job ${header.CamelDataConnectorJobId} of request ${header.CamelDataConnectorRequestId} completed")
                .setHeader("CamelDataConnectorFileName", constant("{{example.file-name:admin_users.csv}}"))
                .to("dataconnector:downloadJobFile")
                .to("file:{{example.output-dir:extracts}}"
                    + "?fileName=${header.CamelDataConnectorJobId}/${header.CamelDataConnectorFileName}")
                .log("Downloaded ${header.CamelDataConnectorFileName} (${header.CamelDataConnectorFileSize} bytes)");
    }
}
