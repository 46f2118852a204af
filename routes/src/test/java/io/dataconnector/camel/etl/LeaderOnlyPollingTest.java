package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeaderOnlyPolling} on Camel's file-lock cluster service (one host): of two contexts sharing the lock
 * directory only the leader runs the poll route, the follower's other routes run, and the follower starts its poll
 * route once the leader stops. Without a cluster service the context refuses to start, naming the key.
 * (Several hosts with ZooKeeper: the ha-it module.)
 */
class LeaderOnlyPollingTest {

    @TempDir
    Path locks;

    private CamelContext node(String name) throws Exception {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(locks.toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.addService(cluster);
        context.addRoutePolicyFactory(new LeaderOnlyPolling("dataconnector-etl", LeaderOnlyPolling.POLL_ROUTE_PREFIX));
        context.addRoutes(routes());
        return context;
    }

    private static RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:poll?period=100").routeId("dc-etl-poll").to("direct:job");
                from("direct:job").routeId("dc-etl-job").log("job");
            }
        };
    }

    private static ServiceStatus poll(CamelContext context) {
        return context.getRouteController().getRouteStatus("dc-etl-poll");
    }

    @Test
    void onlyTheLeaderPollsAndTheFollowerTakesOver() throws Exception {
        CamelContext first = node("first");
        CamelContext second = node("second");
        try {
            first.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> poll(first) == ServiceStatus.Started);
            second.start();
            assertThat(second.getRouteController().getRouteStatus("dc-etl-job")).isEqualTo(ServiceStatus.Started);
            // the follower keeps its poll route stopped for as long as the leader holds the lock
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> poll(second) != ServiceStatus.Started && poll(first) == ServiceStatus.Started);

            first.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> poll(second) == ServiceStatus.Started);
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void withoutAClusterServiceTheContextDoesNotStart() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutePolicyFactory(new LeaderOnlyPolling("dataconnector-etl", LeaderOnlyPolling.POLL_ROUTE_PREFIX));
        context.addRoutes(routes());
        try {
            assertThatThrownBy(context::start).hasStackTraceContaining("etl.cluster.namespace=dataconnector-etl")
                    .hasStackTraceContaining("no cluster service is configured");
        } finally {
            context.stop();
        }
    }

    @Test
    void aBlankNamespaceIsRefused() {
        assertThatThrownBy(() -> new LeaderOnlyPolling(" ", LeaderOnlyPolling.POLL_ROUTE_PREFIX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("etl.cluster.namespace");
    }
}
