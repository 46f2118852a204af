package io.dataconnector.camel.karafit;

import org.apache.camel.builder.RouteBuilder;

/** Once: {@code dataconnector:listJobs} (complete jobs, all pages), its outcome written to the result file. */
final class ListJobsRoute extends RouteBuilder {

    private final ResultFile result;

    ListJobsRoute(ResultFile result) {
        this.result = result;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(result::writeFailure);

        from("timer:karaf-it?repeatCount=1")
                .routeId("karaf-it-list-jobs")
                .to("dataconnector:listJobs?filter.status=complete&paginate=true")
                .process(result::writeJobs);
    }
}
