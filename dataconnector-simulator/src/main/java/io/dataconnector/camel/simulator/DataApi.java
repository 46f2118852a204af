package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import java.time.Instant;

/** The extract calls of a job: its data listing and the signed URL of one file. */
final class DataApi {

    private final SimulatorState state;
    private final JobExtracts extracts;
    private final SignedUrls signedUrls;
    private final JsonViews views;

    DataApi(SimulatorState state, JobExtracts extracts, SignedUrls signedUrls, JsonViews views) {
        this.state = state;
        this.extracts = extracts;
        this.signedUrls = signedUrls;
        this.views = views;
    }

    /** GET jobs/:id/data-listing; 404 unless the job completed successfully. */
    HttpReply listing(String jobId) {
        return HttpReply.json(200, JsonViews.fileListing(extractOf(find(jobId)).listing()));
    }

    /** GET jobs/:id/data/:name. */
    HttpReply fileUrl(String jobId, String name, Instant now) {
        JobState j = find(jobId);
        Extract.Entry f = ApiError.orNotFound(extractOf(j).get(name));
        return HttpReply.json(200, views.fileUrl(name, f.content().size(), signedUrls.sign(j, name, now)));
    }

    private JobState find(String id) {
        return ApiError.orNotFound(state.job(id));
    }

    private Extract extractOf(JobState j) {
        if (!JobExtracts.hasExtract(j)) {
            throw ApiError.notFound();
        }
        return extracts.of(j);
    }
}
