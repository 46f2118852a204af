package io.dataconnector.camel.simulator;

import java.io.IOException;

/** Thrown out of the HTTP handler to make the JDK server drop the connection (a simulated truncation). */
final class DropConnection extends IOException {

    DropConnection() {
        super("simulated truncated download");
    }
}
