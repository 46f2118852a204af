package io.dataconnector.camel.simulator;

import java.time.Instant;

/** One entry of a job's data listing. */
public record ExtractFileInfo(String name, Instant createdAt, long size) {
}
