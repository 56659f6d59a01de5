package io.dqlite4j.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * TCP keepalive timers on every client socket, so that the kernel finds a vanished peer (a host
 * that crashed, a network path that broke) of an idle connection within about
 * {@value #IDLE_SECONDS} + {@value #COUNT} × {@value #INTERVAL_SECONDS} seconds instead of the
 * system default of more than two hours. A pooled connection whose peer is gone then fails the
 * check made before its next request is written, so that request is provably not sent and may be
 * re-run. It cannot find a peer that is alive but frozen (SIGSTOP: its kernel still answers); the
 * connection's {@code timeout} of server silence covers that, and every wait with a request in
 * flight.
 *
 * <p>{@code TCP_USER_TIMEOUT} (a bound on unacknowledged sent data) has no JDK 17 socket option;
 * Netty offers it only through the native epoll transport. It is not used: with a request in
 * flight the silence timeout already bounds the wait, and a second, platform-specific transport
 * would double the I/O paths to maintain and test for no shorter bound.
 *
 * <p>Where the platform lacks the timer options (they are Linux and macOS extensions), plain
 * {@code SO_KEEPALIVE} with the system's timers remains.
 */
final class Keepalive {
    static final int IDLE_SECONDS = 5;
    static final int INTERVAL_SECONDS = 2;
    static final int COUNT = 3;

    private static final List<SocketOption<Integer>> TIMERS = timers();

    private Keepalive() {
    }

    private static List<SocketOption<Integer>> timers() {
        try (SocketChannel probe = SocketChannel.open()) {
            List<SocketOption<Integer>> options = List.of(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE,
                    jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT);
            return probe.supportedOptions().containsAll(options) ? options : List.of();
        } catch (IOException | RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private static int valueOf(SocketOption<Integer> option) {
        return option == jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE ? IDLE_SECONDS
                : option == jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL ? INTERVAL_SECONDS : COUNT;
    }

    /** Whether the timers are set on this platform (otherwise only {@code SO_KEEPALIVE}). */
    static boolean timersSupported() {
        return !TIMERS.isEmpty();
    }

    /** Turns keepalive on for a socket of a direct connection. */
    static void apply(SocketChannel socket) throws IOException {
        socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        for (SocketOption<Integer> option : TIMERS) {
            socket.setOption(option, valueOf(option));
        }
    }

    /** Turns keepalive on for the channels of a Netty bootstrap. */
    static Bootstrap apply(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.SO_KEEPALIVE, true);
        for (SocketOption<Integer> option : TIMERS) {
            bootstrap.option(NioChannelOption.of(option), valueOf(option));
        }
        return bootstrap;
    }
}
