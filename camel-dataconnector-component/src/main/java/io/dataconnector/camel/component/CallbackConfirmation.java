package io.dataconnector.camel.component;

import java.util.Locale;
import java.util.Set;

import io.dataconnector.camel.component.model.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the job a callback announced is one to process, judged on the job as the API reports it (a callback is only
 * a hint): it exists, belongs to the announced request, is complete, and has an accepted completion status. Each
 * refusal is logged at INFO/WARN with the reason.
 */
final class CallbackConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackConfirmation.class);

    private CallbackConfirmation() {
    }

    /**
     * @param jobId             the job id the callback named
     * @param job               the job fetched from the API (null when it returned none)
     * @param expectedRequestId the request id the callback named, or null
     * @param statuses          accepted completion statuses, lower case
     */
    static boolean confirmed(String jobId, Job job, String expectedRequestId, Set<String> statuses) {
        if (job == null) {
            LOG.warn("Callback for job {}: the API returned no job; ignored", jobId);
            return false;
        }
        if (expectedRequestId != null && job.getRequestId() != null && !expectedRequestId.equals(job.getRequestId())) {
            LOG.warn("Callback for job {} names request {} but the job belongs to request {}; ignored", jobId,
                    expectedRequestId, job.getRequestId());
            return false;
        }
        if (!job.isComplete()) {
            LOG.info("Callback for job {}: the API reports it {}, not complete; ignored (the jobs consumer picks it up)",
                    jobId, job.getStatus());
            return false;
        }
        String status = job.getCompletionStatus() == null ? "" : job.getCompletionStatus().toLowerCase(Locale.ROOT);
        if (!statuses.contains(status)) {
            LOG.info("Callback for job {}: completion status {} is not one of {}; ignored", jobId,
                    job.getCompletionStatus(), statuses);
            return false;
        }
        return true;
    }
}
