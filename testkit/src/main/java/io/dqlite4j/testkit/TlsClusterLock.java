package io.dqlite4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One TLS cluster at a time on this host. go-dqlite's {@code app} binds each TLS node's engine to
 * an abstract unix socket named after the node ID, and every bootstrap node has the same ID, so a
 * second TLS cluster's first node cannot start while another's runs. A semaphore orders the
 * clusters of this JVM, and a lock on {@code dqlite4j-tls-cluster.lock} in {@code java.io.tmpdir}
 * those of other JVMs.
 */
final class TlsClusterLock implements AutoCloseable {
    private static final Semaphore IN_THIS_JVM = new Semaphore(1, true);
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private TlsClusterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the host's TLS cluster slot. */
    static TlsClusterLock acquire(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!IN_THIS_JVM.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("another TLS cluster of this JVM still runs after " + timeout.toSeconds()
                        + " s; only one TLS cluster can run on a host at a time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the TLS cluster slot", e);
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "dqlite4j-tls-cluster.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new TlsClusterLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("another process holds " + file + " (a TLS cluster runs) after "
                            + timeout.toSeconds() + " s; only one TLS cluster can run on a host at a time");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            release(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (InterruptedException e) {
            release(channel);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the TLS cluster slot", e);
        } catch (RuntimeException e) {
            release(channel);
            throw e;
        }
    }

    private static void release(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        } finally {
            IN_THIS_JVM.release();
        }
    }

    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        release(channel);
    }
}
