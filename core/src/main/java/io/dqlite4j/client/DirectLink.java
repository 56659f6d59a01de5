package io.dqlite4j.client;

import io.dqlite4j.wire.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A connection's socket driven by the threads that use it: a request is written by the calling
 * thread, and the thread that waits for an answer reads the socket and dispatches what arrives.
 * A blocking round trip therefore costs no thread hand-off (a Netty round trip costs two) and
 * four system calls (a non-blocking read that checks the peer is still there, write, poll, read).
 *
 * <p>One lock orders all I/O: a thread that needs an answer takes it, reads until its answer has
 * been dispatched (answers to older requests are dispatched on the way, in order) and lets go;
 * another waiter then takes over. Waits are bounded twice: by the caller's deadline, and by the
 * connection's {@code timeout} of server silence, after which the connection is broken exactly as
 * the Netty watchdog would. Nothing is read while nobody waits, so a slow consumer of a result
 * holds the server back through TCP flow control without any pausing.
 *
 * <p>{@link #close()} may come from any thread: it closes the socket and the selector, which wakes
 * a thread blocked in the poll.
 */
final class DirectLink extends Link {
    /** Read buffers are GC-managed, so one left behind by a close from another thread is still freed. */
    private static final ByteBufAllocator READ_BUFFERS = new UnpooledByteBufAllocator(true, true, false);
    private static final ByteBufAllocator REQUEST_BUFFERS = new UnpooledByteBufAllocator(false, true);
    private static final int READ_CHUNK = 64 * 1024;
    private static final int MIN_READ_SPACE = 8 * 1024;
    private static final int KEEP_CAPACITY = 1024 * 1024;
    private static final int HEADER = io.dqlite4j.wire.Protocol.HEADER_SIZE;
    private static volatile boolean quickAckSupported = true;

    private final SocketChannel socket;
    /** TLS over {@link #socket}, or null for plain TCP (whose path then has no extra step). */
    private final TlsChannel tls;
    private final Selector selector;
    private final SelectionKey key;
    private final ReentrantLock ioLock = new ReentrantLock();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final long maxBodySize;
    private DqliteConnection connection;
    private ByteBuf in; // guarded by ioLock
    private boolean dispatching; // guarded by ioLock
    /** What the last {@link #poll} found ready; the key's own ready set can be stale. */
    private int ready; // guarded by ioLock
    private final java.util.function.Consumer<SelectionKey> onReady = k -> ready = k.readyOps();

    private DirectLink(SocketChannel socket, TlsChannel tls, Selector selector, long maxBodySize) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.selector = selector;
        this.key = socket.register(selector, SelectionKey.OP_READ);
        this.maxBodySize = maxBodySize;
        this.in = READ_BUFFERS.directBuffer(READ_CHUNK);
    }

    /**
     * Connects to {@code address} within {@code connectTimeoutMillis} and, when the config asks
     * for TLS, completes the TLS handshake within the same budget; blocks the caller.
     */
    static DirectLink connect(NodeAddress address, DqliteConfig config, int connectTimeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
        InetSocketAddress target = address.toSocketAddress();
        if (target.isUnresolved()) {
            target = new InetSocketAddress(target.getHostString(), target.getPort());
        }
        SocketChannel socket = SocketChannel.open();
        Selector selector = null;
        try {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Keepalive.apply(socket);
            socket.socket().connect(target, connectTimeoutMillis);
            socket.configureBlocking(false);
            selector = Selector.open();
            io.dqlite4j.client.tls.TlsSettings settings = config.tlsOrNull();
            TlsChannel channel = settings == null ? null
                    : new TlsChannel(socket, settings.newEngine(address.host(), address.port()));
            DirectLink link = new DirectLink(socket, channel, selector, config.maxMessageSize());
            if (channel != null) {
                channel.handshake(selector, link.key, deadline);
            }
            return link;
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    void bind(DqliteConnection connection) {
        this.connection = connection;
    }

    @Override
    void execute(Runnable action) {
        ioLock.lock();
        try {
            action.run();
        } finally {
            ioLock.unlock();
        }
    }

    @Override
    void write(ByteBuf frames) {
        try {
            ByteBuffer out = frames.nioBuffer();
            TlsChannel t = tls;
            if (t == null) {
                while (out.hasRemaining()) {
                    if (socket.write(out) == 0) {
                        awaitWritable();
                    }
                }
            } else {
                while (out.hasRemaining() || t.hasPendingOutput()) {
                    if (t.write(out) == 0 && t.hasPendingOutput()) {
                        awaitWritable();
                    }
                }
            }
        } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            connection.onIoFailure(e instanceof IOException ? e : new java.nio.channels.ClosedChannelException());
        } finally {
            frames.release();
        }
    }

    /**
     * The socket's send buffer is full: the server is not reading, perhaps because its answers
     * fill ours. Answers are read (not dispatched: the caller is in the middle of a write) until
     * the socket can take more.
     */
    private void awaitWritable() throws IOException {
        long silentSince = System.nanoTime();
        long timeout = connection.timeoutNanos();
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        try {
            while (true) {
                long silent = System.nanoTime() - silentSince;
                if (silent >= timeout) {
                    throw new SocketTimeoutException("the server took no data for "
                            + TimeUnit.NANOSECONDS.toMillis(timeout) + " ms");
                }
                int ops = poll(timeout - silent);
                if ((ops & SelectionKey.OP_READ) != 0 && readAvailable() < 0) {
                    throw new java.io.EOFException("closed by the server");
                }
                if ((ops & SelectionKey.OP_WRITE) != 0) {
                    return;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    @Override
    void beforeIdleWrite() {
        try {
            int n = readAvailable();
            if (n < 0) {
                connection.onClosedByServer();
            } else if (n > 0) {
                dispatchBuffered(); // nothing is due, so this is a protocol error
            }
        } catch (IOException | ClosedSelectorException e) {
            connection.onIoFailure(e instanceof IOException ? e : new java.nio.channels.ClosedChannelException());
        }
    }

    /**
     * Requests are encoded on the caller's thread into small heap buffers: cheaper there than the
     * pooled allocator, whose per-thread caches serve event-loop threads, and the JDK copies a
     * few dozen bytes into its own direct buffer on write.
     */
    @Override
    ByteBufAllocator alloc() {
        return REQUEST_BUFFERS;
    }

    @Override
    void pauseReading() {
        // Nothing is read while nobody waits.
    }

    @Override
    void resumeReading() {
    }

    @Override
    void close() {
        TlsChannel t = tls;
        if (t != null && ioLock.tryLock()) {
            try {
                t.closeOutbound();
            } finally {
                ioLock.unlock();
            }
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            selector.close(); // wakes a thread blocked in select
        } catch (IOException ignored) {
            // closing anyway
        }
        closed.complete(null);
    }

    @Override
    Executor executor() {
        return Runnable::run;
    }

    @Override
    CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    <T> CompletableFuture<T> newFuture() {
        return new DrivenFuture<>(this);
    }

    @Override
    boolean waitersDriveIo() {
        return true;
    }

    @Override
    void pumpUntil(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        if (done.getAsBoolean()) {
            return;
        }
        if (ioLock.isHeldByCurrentThread() && dispatching) {
            throw new IllegalStateException("a completion callback of a dqlite connection may not wait for another "
                    + "answer on the same connection");
        }
        if (deadlineNanos == Long.MAX_VALUE) {
            ioLock.lockInterruptibly();
        } else if (!ioLock.tryLock(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return;
        }
        try {
            long silentSince = System.nanoTime();
            while (!done.getAsBoolean() && !connection.isClosed()) {
                if (dispatchBuffered()) {
                    silentSince = System.nanoTime();
                    continue;
                }
                long now = System.nanoTime();
                if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
                    return;
                }
                long silent = now - silentSince;
                long timeout = connection.timeoutNanos(); // re-read: WELCOME may widen it mid-pump
                if (silent >= timeout) {
                    connection.onSilence();
                    return;
                }
                long wait = timeout - silent;
                if (deadlineNanos != Long.MAX_VALUE) {
                    wait = Math.min(wait, deadlineNanos - now);
                }
                int ops = poll(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if ((ops & SelectionKey.OP_READ) != 0 && readAvailable() < 0) {
                    connection.onClosedByServer();
                    return;
                }
            }
        } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            connection.onIoFailure(e instanceof IOException ? e : new java.nio.channels.ClosedChannelException());
        } finally {
            if (connection.isClosed()) {
                releaseBuffer();
            }
            ioLock.unlock();
        }
    }

    /**
     * Waits up to {@code nanos} for the socket to become ready for the operations of interest;
     * returns those that are (0 on timeout or wake-up). Caller holds the lock.
     */
    private int poll(long nanos) throws IOException {
        TlsChannel t = tls;
        if (t != null && t.hasBufferedInput()) {
            return SelectionKey.OP_READ; // decrypted or whole records held back: no need to wait
        }
        ready = 0;
        selector.select(onReady, toMillis(nanos));
        return ready;
    }

    /** Reads what the socket holds without waiting; -1 at end of stream. Caller holds the lock. */
    private int readAvailable() throws IOException {
        ByteBuf buf = in;
        if (buf == null) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (buf.writableBytes() < MIN_READ_SPACE) {
            buf.discardReadBytes();
            buf.ensureWritable(Math.max(MIN_READ_SPACE, Math.min(READ_CHUNK, buf.writableBytes())));
        }
        ByteBuffer dst = buf.internalNioBuffer(buf.writerIndex(), buf.writableBytes());
        TlsChannel t = tls;
        int n = t == null ? socket.read(dst) : t.read(dst);
        if (n > 0) {
            buf.writerIndex(buf.writerIndex() + n);
        }
        return n;
    }

    /**
     * Hands every complete frame in the read buffer to the connection; makes room for an
     * incomplete one once its header has been checked against {@code max_message_size}.
     *
     * @return whether at least one frame was dispatched
     */
    private boolean dispatchBuffered() {
        ByteBuf buf = in;
        boolean any = false;
        while (buf != null && buf.readableBytes() >= HEADER) {
            long body = WireCodec.bodyLength(buf, buf.readerIndex());
            int total = WireCodec.frameLength(body, maxBodySize);
            if (total < 0) {
                connection.onFrameTooLong(new io.netty.handler.codec.TooLongFrameException("frame body of " + body
                        + " bytes"));
                return any;
            }
            if (buf.readableBytes() < total) {
                if (buf.capacity() - buf.readerIndex() < total) {
                    buf.discardReadBytes();
                    buf.ensureWritable(total - buf.readableBytes());
                }
                break;
            }
            ByteBuf frame = buf.slice(buf.readerIndex(), total);
            buf.skipBytes(total);
            dispatching = true;
            try {
                connection.onFrame(frame);
            } finally {
                dispatching = false;
            }
            any = true;
            buf = in;
        }
        if (buf != null && !buf.isReadable()) {
            if (buf.capacity() > KEEP_CAPACITY) {
                // A large message grew the buffer; do not hold that memory for the connection's life.
                buf.release();
                in = READ_BUFFERS.directBuffer(READ_CHUNK);
            } else {
                buf.clear();
            }
        }
        if (any && connection.moreAnswersDue()) {
            quickAck();
        }
        return any;
    }

    /** See {@link NettyLink}: dqlite leaves Nagle on, so pipelined answers need our ACK promptly. */
    private void quickAck() {
        if (!quickAckSupported) {
            return;
        }
        try {
            socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, Boolean.TRUE);
        } catch (IOException | RuntimeException | LinkageError e) {
            quickAckSupported = false;
        }
    }

    private void releaseBuffer() {
        if (in != null) {
            in.release();
            in = null;
        }
    }

    private static long toMillis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }
}
