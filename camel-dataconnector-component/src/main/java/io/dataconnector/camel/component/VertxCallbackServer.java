package io.dataconnector.camel.component;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Starts a Vert.x platform-http server for {@code dataconnector:callback} when the CamelContext has none. Kept apart so that
 * camel-platform-http-vertx (an optional dependency) is loaded only when a port is given.
 */
final class VertxCallbackServer {

    private VertxCallbackServer() {
    }

    static void ensureStarted(CamelContext context, String host, int port, int maxBodySize) throws Exception {
        if (context.getRegistry().lookupByNameAndType(VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME,
                VertxPlatformHttpRouter.class) != null) {
            return;
        }
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(host);
        configuration.setBindPort(port);
        configuration.setMaxBodySize((long) maxBodySize);
        // started now: the consumer that needs it is starting, possibly while the context itself starts
        context.addService(new VertxPlatformHttpServer(configuration), true, true);
    }
}
