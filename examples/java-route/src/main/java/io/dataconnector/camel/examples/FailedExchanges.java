package io.dataconnector.camel.examples;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts the exchanges that ended failed (an exception no error handler handled, e.g. a
 * {@code DataConnectorException} for an HTTP 401), so a launcher can turn a run with failures into a non-zero exit.
 * Camel Main itself ends a run that had failed exchanges with exit code 0.
 *
 * <p>The first failure is kept as one line: the route id and the exception's message (the component's messages carry
 * the operation and HTTP status, never a token).
 */
public final class FailedExchanges extends EventNotifierSupport {

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicReference<String> first = new AtomicReference<>();

    public FailedExchanges() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeFailedEvent) event).getExchange();
        count.incrementAndGet();
        first.compareAndSet(null, describe(exchange));
    }

    private static String describe(Exchange exchange) {
        Throwable cause = exchange.getException();
        String route = exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "?";
        return "route " + route + ": " + (cause == null ? "failed" : cause.getMessage());
    }

    /** How many exchanges failed so far. */
    public int count() {
        return count.get();
    }

    /** The first failure as {@code route <id>: <exception message>}, or null when none failed. */
    public String first() {
        return first.get();
    }
}
