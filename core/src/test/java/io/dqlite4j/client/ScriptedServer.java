package io.dqlite4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP peer that plays a broken dqlite server: it reads the handshake and one request,
 * then runs a script (send bytes, stay silent, hang up). Used to show that malformed or missing
 * answers give precise exceptions and never hang. It is not a stand-in for real server behaviour.
 */
final class ScriptedServer implements AutoCloseable {
    interface Script {
        void run(InputStream in, OutputStream out, Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);

    ScriptedServer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket s = server.accept()) {
                script.run(s.getInputStream(), s.getOutputStream(), s);
            } catch (IOException | InterruptedException e) {
                // the client went away or the test ended
            } finally {
                finished.countDown();
            }
        }, "scripted-dqlite-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String params) {
        return "dqlite://127.0.0.1:" + port() + "/db" + (params.isEmpty() ? "" : "?" + params);
    }

    /** Reads the 8-byte handshake and one whole request (header plus body). */
    static void readHandshakeAndRequest(InputStream in) throws IOException {
        in.readNBytes(8);
        byte[] header = in.readNBytes(8);
        int words = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 24;
        in.readNBytes(words * 8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.interrupt();
        finished.await(5, TimeUnit.SECONDS);
    }
}
