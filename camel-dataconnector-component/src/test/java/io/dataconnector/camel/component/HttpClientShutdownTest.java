package io.dataconnector.camel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * The component stops the HTTP clients it built when it stops: no selector thread of theirs outlives it (one left
 * blocked in native code delayed every run-once launcher's exit by about 300 ms).
 */
class HttpClientShutdownTest extends SimulatorTestSupport {

    /** The selector threads alive before the test's context started. */
    private Set<Thread> before;

    @Override
    protected void beforeStart(CamelContext camelContext) {
        before = selectorThreads();
    }

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:requests").to("dataconnector:listRequests");
            }
        };
    }

    @Test
    void aClientsSelectorThreadEndsWhenItIsShutDown() {
        HttpClient client = HttpClient.newHttpClient();
        Thread selector = HttpClientShutdown.selectorThread(client);
        if (Runtime.version().feature() < 21) {
            assertThat(selector).as("the JDK 17 selector thread of %s", client).isNotNull();
            assertThat(selector.isAlive()).isTrue();
        }

        HttpClientShutdown.shutdown(client);

        if (selector != null) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !selector.isAlive());
        }
        assertThat(HttpClientShutdown.selectorThread(client)).isNull();
    }

    @Test
    void theComponentsClientsStopWithTheContext() {
        List<?> requests = template.requestBody("direct:requests", null, List.class);
        assertThat(requests).as("the API answered through the component's client").isNotNull();
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertThat(started).as("the component's HTTP client selector threads").isNotEmpty();

        stopCamel();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(started).as("selector threads alive after the context stopped")
                        .noneMatch(Thread::isAlive));
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
