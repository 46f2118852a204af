package io.dataconnector.camel.simulator;

import java.time.Duration;
import java.util.List;

/**
 * What the builder configured, shared by the simulator's parts. The volatile settings can be changed at run time
 * through the simulator's setters.
 */
final class SimulatorSettings {

    String accountId;
    long seed;
    String userId;
    String userEmail;
    int createRequestStatus;
    volatile int rowsPerTable;
    volatile boolean trickyValues;
    volatile boolean utf8Bom;
    volatile boolean projectIdListAsString;
    volatile boolean fileSizeAsString;
    volatile int maxPageLimit;
    volatile Duration queuedDuration;
    volatile Duration runningDuration;
    volatile Duration signedUrlTtl;
    volatile int jobQuota;
    volatile int rateLimitPerMinute;
    volatile boolean authRequired;
    volatile boolean acceptAnyAccount;
    /** null = the tables of the request's service groups. */
    volatile List<String> extractTables;
    /** About 300 tables (the full catalogue) instead of the representative ones. */
    volatile boolean fullExtract;
    /** Also the invented per-table schema_<table>.json files of earlier simulator versions. */
    volatile boolean legacySchemaFiles;
    /** metadata.csv's region: US or EMEA. */
    volatile String region;
}
