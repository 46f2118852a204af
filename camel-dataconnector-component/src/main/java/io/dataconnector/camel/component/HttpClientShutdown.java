package io.dataconnector.camel.component;

import java.lang.reflect.Method;
import java.net.http.HttpClient;

/**
 * Stops a JDK {@link HttpClient} the component built, when the component stops. A client's selector thread otherwise
 * lives on, blocked in a native epoll wait, and HotSpot's exit waits up to about 300 ms for threads in native code to
 * block: every run-once launch paid that between its last log line and the end of the process.
 * <ul>
 * <li>Java 21 and later: {@code HttpClient.shutdownNow()} (looked up by reflection: the module compiles for 17);</li>
 * <li>Java 17 to 20, which have no such method: the client's selector thread ({@code HttpClient-<id>-SelectorManager},
 * the id from the client's {@code toString()}, as the JDK's own tests compute it) is interrupted, which ends it.</li>
 * </ul>
 * Either way an exchange still in flight on that client fails, so call it only once nothing uses the client any more.
 * Best effort: when neither applies (another JDK's naming), nothing is done and the thread ends with the JVM as before.
 */
final class HttpClientShutdown {

    private static final Method SHUTDOWN_NOW = shutdownNow();

    private HttpClientShutdown() {
    }

    /** Stops the client's selector thread (see the class comment); never throws. */
    static void shutdown(HttpClient client) {
        try {
            if (SHUTDOWN_NOW != null) {
                SHUTDOWN_NOW.invoke(client);
                return;
            }
            Thread selector = selectorThread(client);
            if (selector != null) {
                selector.interrupt();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // best effort: the thread then ends with the JVM, as it did before
        }
    }

    /** @return the live selector thread of the client, or null when there is none by the JDK 17 name */
    static Thread selectorThread(HttpClient client) {
        String s = client.toString();
        int open = s.lastIndexOf('(');
        int close = s.lastIndexOf(')');
        if (open < 0 || close < open + 2) {
            return null;
        }
        String name = "HttpClient-" + s.substring(open + 1, close) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (name.equals(threads[i].getName())) {
                return threads[i];
            }
        }
        return null;
    }

    private static Method shutdownNow() {
        try {
            return HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return null; // before Java 21
        }
    }
}
