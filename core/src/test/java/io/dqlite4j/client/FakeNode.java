package io.dqlite4j.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback peer that speaks just enough of the dqlite protocol for client-side decisions: it
 * accepts any number of connections, reads the handshake and then each request, and lets a
 * {@link Handler} answer (or stay silent, or send garbage). Unlike {@link ScriptedServer} it
 * serves leader discovery (LEADER, OPEN, CLUSTER) so the whole {@link DqliteClient} can be driven
 * against it. Not a stand-in for server behaviour.
 */
final class FakeNode implements AutoCloseable {
    static final int LEADER = 0;
    static final int OPEN = 3;
    static final int EXEC_SQL = 8;
    static final int QUERY_SQL = 9;
    static final int CLUSTER = 16;

    /** One request: its type and body. */
    record Req(int type, byte[] body) {
        /** The SQL text of an EXEC_SQL / QUERY_SQL (after the 8-byte database id). */
        String sql() {
            int end = 8;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            return new String(body, 8, end - 8, StandardCharsets.UTF_8);
        }
    }

    /** Answers one request; may write nothing (silence), sleep, or close the socket. */
    interface Handler {
        void handle(FakeNode node, Req request, OutputStream out, Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Req> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private volatile Handler handler;
    private volatile String leaderAddress; // null: this node

    FakeNode(Handler handler) throws IOException {
        this.handler = handler;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-dqlite-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers LEADER naming itself, OPEN and CLUSTER; everything else goes to {@code sql}. */
    static Handler leaderWith(Handler sql) {
        return (node, r, out, s) -> {
            switch (r.type()) {
                case LEADER -> out.write(server(1, node.leaderAddress()));
                case OPEN -> out.write(frame(4, word(0)));
                case CLUSTER -> out.write(servers(node.address()));
                default -> sql.handle(node, r, out, s);
            }
        };
    }

    void handler(Handler h) {
        handler = h;
    }

    /** Makes LEADER name {@code address} instead of this node. */
    void redirectTo(String address) {
        leaderAddress = address;
    }

    String leaderAddress() {
        return leaderAddress != null ? leaderAddress : address();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    String url(String params) {
        return "dqlite://" + address() + "/db" + (params.isEmpty() ? "" : "?" + params);
    }

    List<Req> received() {
        return received;
    }

    long count(int type) {
        return received.stream().filter(r -> r.type() == type).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "fake-dqlite-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (in.readNBytes(8).length < 8) {
                return;
            }
            while (true) {
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    return;
                }
                long words = (header[0] & 0xffL) | (header[1] & 0xffL) << 8 | (header[2] & 0xffL) << 16
                        | (header[3] & 0xffL) << 24;
                byte[] body = in.readNBytes((int) (words * 8));
                Req r = new Req(header[4] & 0xff, body);
                received.add(r);
                handler.handle(this, r, out, s);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    // ------------------------------------------------------------------ encoding answers

    static byte[] frame(int type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int words = body.length / 8;
        b.write(words & 0xff);
        b.write(words >> 8 & 0xff);
        b.write(words >> 16 & 0xff);
        b.write(words >> 24 & 0xff);
        b.write(type);
        b.writeBytes(new byte[3]);
        b.writeBytes(body);
        return b.toByteArray();
    }

    static byte[] word(long v) {
        byte[] w = new byte[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (byte) (v >>> (8 * i));
        }
        return w;
    }

    static byte[] text(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[(t.length / 8 + 1) * 8];
        System.arraycopy(t, 0, padded, 0, t.length);
        return padded;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] server(long id, String address) {
        return frame(1, concat(word(id), text(address)));
    }

    static byte[] servers(String... addresses) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(word(addresses.length));
        for (int i = 0; i < addresses.length; i++) {
            b.writeBytes(word(i + 1));
            b.writeBytes(text(addresses[i]));
            b.writeBytes(word(0)); // voter
        }
        return frame(3, b.toByteArray());
    }

    static byte[] result(long lastInsertId, long rowsAffected) {
        return frame(6, concat(word(lastInsertId), word(rowsAffected)));
    }

    static byte[] failure(long code, String message) {
        return frame(0, concat(word(code), text(message)));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
