package io.dqlite4j.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over {@link DirectLink}'s non-blocking socket: an {@link SSLEngine} with one buffer of
 * ciphertext each way and one of decrypted bytes. {@link #read} and {@link #write} never block;
 * like the socket calls they stand for they may move nothing. Only {@link #handshake} waits, on
 * the link's selector and within the dial deadline. Used under the link's I/O lock only.
 */
final class TlsChannel {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel socket;
    private final SSLEngine engine;
    /** Ciphertext read from the socket, not yet unwrapped (write mode). */
    private ByteBuffer netIn;
    /** Ciphertext wrapped, not yet written (read mode). */
    private ByteBuffer netOut;
    /** Decrypted bytes the caller had no room for (write mode). */
    private ByteBuffer appIn;
    /** The last unwrap needed more ciphertext: what {@link #netIn} holds is only part of a record. */
    private boolean partialRecord;

    TlsChannel(SocketChannel socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(packet);
        this.netOut = ByteBuffer.allocateDirect(packet);
        this.netOut.flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /**
     * Runs the handshake to its end, waiting on {@code selector} (where {@code key} is the
     * socket's registration) until {@code deadlineNanos}.
     *
     * @throws SSLException when the handshake fails, the peer closes, or the deadline passes
     */
    void handshake(Selector selector, SelectionKey key, long deadlineNanos) throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK:
                    runTasks();
                    break;
                case NEED_WRAP: {
                    wrap(EMPTY);
                    while (netOut.hasRemaining()) {
                        if (socket.write(netOut) == 0) {
                            await(selector, key, SelectionKey.OP_WRITE, deadlineNanos);
                        }
                    }
                    break;
                }
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN: {
                    netIn.flip();
                    SSLEngineResult r = engine.unwrap(netIn, appIn);
                    netIn.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        growNetIn();
                        int n = socket.read(netIn);
                        if (n < 0) {
                            throw new SSLHandshakeException("the server closed the connection during the TLS handshake"
                                    + " (is it serving plain TCP rather than TLS?)");
                        }
                        if (n == 0) {
                            await(selector, key, SelectionKey.OP_READ, deadlineNanos);
                        }
                    } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        growAppIn();
                    } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLHandshakeException("the server closed TLS during the handshake");
                    }
                    break;
                }
                default: // FINISHED or NOT_HANDSHAKING
                    while (netOut.hasRemaining()) {
                        if (socket.write(netOut) == 0) {
                            await(selector, key, SelectionKey.OP_WRITE, deadlineNanos);
                        }
                    }
                    return;
            }
        }
    }

    private void await(Selector selector, SelectionKey key, int ops, long deadlineNanos) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SSLHandshakeException("the TLS handshake did not finish within dial_timeout"
                    + " (is the node serving plain TCP rather than TLS?)");
        }
        key.interestOps(ops);
        try {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /**
     * Decrypts into {@code dst} what can be had without waiting.
     *
     * @return bytes placed in {@code dst}, or -1 when the server closed and nothing is left
     */
    int read(ByteBuffer dst) throws IOException {
        int total = 0;
        // A socket read that left room in the buffer emptied the kernel's: asking again at once
        // would cost a system call that returns nothing (the selector reports what comes later).
        boolean drained = false;
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(appIn.remaining(), dst.remaining());
                dst.put(dst.position(), appIn, appIn.position(), n);
                dst.position(dst.position() + n);
                appIn.position(appIn.position() + n);
                appIn.compact();
                total += n;
                if (!dst.hasRemaining()) {
                    return total;
                }
            }
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            partialRecord = false;
            switch (r.getStatus()) {
                case OK:
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    } else if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        wrap(EMPTY); // a key update or similar post-handshake message
                        socket.write(netOut);
                    }
                    if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
                        continue;
                    }
                    // fall through: nothing to unwrap
                case BUFFER_UNDERFLOW:
                    partialRecord = netIn.position() > 0;
                    if (drained) {
                        return total;
                    }
                    growNetIn();
                    int n = socket.read(netIn);
                    if (n < 0) {
                        return total > 0 ? total : -1;
                    }
                    if (n == 0) {
                        return total;
                    }
                    drained = netIn.hasRemaining();
                    break;
                case BUFFER_OVERFLOW:
                    growAppIn();
                    break;
                default: // CLOSED: the server sent close_notify
                    return total > 0 ? total : -1;
            }
        }
    }

    /**
     * Encrypts from {@code src} and writes what the socket takes. Ciphertext the socket did not
     * take is kept and written first next time.
     *
     * @return bytes taken from {@code src}; 0 when earlier ciphertext still waits for the socket
     */
    int write(ByteBuffer src) throws IOException {
        if (netOut.hasRemaining()) {
            socket.write(netOut);
            if (netOut.hasRemaining()) {
                return 0;
            }
        }
        if (!src.hasRemaining()) {
            return 0;
        }
        int consumed = wrap(src);
        socket.write(netOut);
        return consumed;
    }

    /** Whether ciphertext waits for the socket. */
    boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    /**
     * Whether {@link #read} would return bytes without the socket becoming readable: decrypted
     * bytes are kept, or whole records wait to be decrypted.
     */
    boolean hasBufferedInput() {
        return appIn.position() > 0 || (netIn.position() > 0 && !partialRecord);
    }

    /**
     * Wraps behind whatever {@link #netOut} still holds (a post-handshake message may be wrapped
     * while earlier ciphertext waits for the socket); {@link #netOut} is left in read mode.
     */
    private int wrap(ByteBuffer src) throws SSLException {
        netOut.compact();
        try {
            while (true) {
                SSLEngineResult r = engine.wrap(src, netOut);
                switch (r.getStatus()) {
                    case OK:
                        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                            runTasks();
                        }
                        return r.bytesConsumed();
                    case BUFFER_OVERFLOW:
                        ByteBuffer bigger = ByteBuffer.allocateDirect(netOut.capacity() * 2);
                        netOut.flip();
                        bigger.put(netOut);
                        netOut = bigger;
                        break;
                    case CLOSED:
                        throw new SSLException("TLS is closed");
                    default:
                        throw new SSLException("unexpected TLS wrap status " + r.getStatus());
                }
            }
        } finally {
            netOut.flip();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void growNetIn() {
        int need = engine.getSession().getPacketBufferSize();
        if (netIn.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(netIn.position() + need);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
    }

    private void growAppIn() {
        int need = engine.getSession().getApplicationBufferSize();
        ByteBuffer bigger = ByteBuffer.allocate(appIn.position() + need);
        appIn.flip();
        bigger.put(appIn);
        appIn = bigger;
    }

    /** Closes TLS politely when the socket can take the alert at once; never waits. */
    void closeOutbound() {
        try {
            engine.closeOutbound();
            wrap(EMPTY);
            socket.write(netOut);
        } catch (IOException | RuntimeException ignored) {
            // the socket is being closed anyway
        }
    }
}
