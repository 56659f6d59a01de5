package io.dqlite4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free loopback TCP ports.
 *
 * <p>A port is found by binding port 0 on 127.0.0.1 and reading what the kernel chose. All ports of
 * one request are held open together so that they are distinct, then released for the server to
 * bind. Another process can still grab a port in that window; the callers detect that from the
 * server's log and retry with fresh ports. Ports handed to nodes of this JVM stay reserved until
 * released, so that two clusters started concurrently, or a node restarted later on its old port,
 * never collide with each other inside the JVM.
 */
final class Ports {

    private static final Set<Integer> RESERVED = new HashSet<>(); // guarded by Ports.class

    private Ports() {
    }

    /** {@code count} distinct free ports, reserved until {@link #release}. */
    static synchronized int[] allocate(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            // Bounded: the kernel would have to hand out our own reserved ports many times in a row.
            for (int tries = 0; found < count && tries < count * 50; tries++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                int port = socket.getLocalPort();
                if (!RESERVED.contains(port)) {
                    ports[found++] = port;
                }
            }
            if (found < count) {
                throw new IllegalStateException("could not find " + count + " free loopback ports");
            }
            for (int port : ports) {
                RESERVED.add(port);
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing an unconnected listening socket does not fail in practice.
                }
            }
        }
    }

    /** Gives ports back once no node of this JVM will bind them again. */
    static synchronized void release(int... ports) {
        for (int port : ports) {
            RESERVED.remove(port);
        }
    }
}
