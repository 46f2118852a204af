package io.dataconnector.camel.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.InvalidDataRequestException;
import org.apache.camel.CamelContext;
import org.apache.camel.TypeConversionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operation is checked when the endpoint is created; bodies become DataRequests through Camel's converters. */
class OperationAndConversionTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anUnknownOperationFailsTheRouteStartListingTheValidNames() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("dataconnector:getjob?accountId=a");
            }
        });

        assertThatThrownBy(context::start)
                .satisfies(e -> assertThat(messages(e)).contains("Unknown Data Connector operation 'getjob'",
                        "did you mean getJob?", "createRequest", "downloadJobFile", "jobs (consumer)", "callback (consumer)"));
    }

    @Test
    void theConsumerNameIsRefusedAsAProducerAndAProducerNameAsAConsumer() throws Exception {
        context.start();
        assertThatThrownBy(() -> context.getEndpoint("dataconnector:jobs?accountId=a&accessToken=t0k3n").createProducer())
                .hasMessageContaining("cannot be used as a producer");
        assertThatThrownBy(() -> context.getEndpoint("dataconnector:callback?accountId=a&accessToken=t0k3n&secret=s").createProducer())
                .hasMessageContaining("dataconnector:callback is a completed-job consumer and cannot be used as a producer");
        assertThatThrownBy(() -> context.getEndpoint("dataconnector:getJob?accountId=a&accessToken=t0k3n").createConsumer(e -> { }))
                .hasMessageContaining("are dataconnector:jobs and dataconnector:callback, not dataconnector:getJob");
    }

    @Test
    void aMapJsonTextAndAStreamConvertToADataRequest() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:convert").convertBodyTo(DataRequest.class);
            }
        });
        context.start();
        String json = "{\"description\":\"d\",\"scheduleInterval\":\"ONE_TIME\",\"effectiveFrom\":\"2026-01-01T00:00:00Z\","
                      + "\"serviceGroups\":\"[\\\"admin\\\",\\\"issues\\\"]\"}";

        DataRequest fromMap = context.createProducerTemplate().requestBody("direct:convert",
                Map.of("description", "d", "serviceGroups", List.of("admin")), DataRequest.class);
        DataRequest fromText = context.createProducerTemplate().requestBody("direct:convert", json, DataRequest.class);
        DataRequest fromStream = context.createProducerTemplate().requestBody("direct:convert",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), DataRequest.class);

        assertThat(fromMap.getServiceGroups()).containsExactly("admin");
        assertThat(fromText.getServiceGroups()).containsExactly("admin", "issues");
        assertThat(fromStream.getScheduleInterval()).isEqualTo("ONE_TIME");
        assertThat(context.getTypeConverterRegistry().lookup(DataRequest.class, String.class))
                .as("registered by the generated loader").isNotNull();
    }

    @Test
    void aBadFieldFailsTheConversionNamingIt() {
        context.start();
        assertThatThrownBy(() -> context.getTypeConverter().mandatoryConvertTo(DataRequest.class,
                "{\"effectiveFrom\":\"next tuesday\"}"))
                .isInstanceOf(TypeConversionException.class)
                .cause().isInstanceOfSatisfying(InvalidDataRequestException.class,
                        e -> assertThat(e.getField()).isEqualTo("effectiveFrom"));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
