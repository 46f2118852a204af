package io.dataconnector.camel.karafit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback TCP ports free right now for Karaf's SSH shell and JMX (RMI registry, RMI server). */
record KarafPorts(int ssh, int rmiRegistry, int rmiServer) {

    static KarafPorts free() throws IOException {
        try (ServerSocket a = open(); ServerSocket b = open(); ServerSocket c = open()) {
            return new KarafPorts(a.getLocalPort(), b.getLocalPort(), c.getLocalPort());
        }
    }

    private static ServerSocket open() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }
}
