package io.dqlite4j.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty event loops every connection of the process shares. Daemon threads, so an
 * application that forgets to close a client still exits; created on first use.
 */
final class Transport {
    private static volatile EventLoopGroup shared;

    private Transport() {
    }

    static EventLoopGroup group() {
        EventLoopGroup group = shared;
        if (group == null) {
            synchronized (Transport.class) {
                group = shared;
                if (group == null) {
                    int threads = Integer.getInteger("dqlite4j.eventLoopThreads",
                            Math.max(1, Runtime.getRuntime().availableProcessors()));
                    group = new MultiThreadIoEventLoopGroup(threads,
                            new DefaultThreadFactory("dqlite4j-io", true), NioIoHandler.newFactory());
                    shared = group;
                }
            }
        }
        return group;
    }

    static Bootstrap bootstrap(int connectTimeoutMillis) {
        return Keepalive.apply(new Bootstrap()
                .group(group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                // Reads are paused per connection while a slow consumer holds buffered row batches.
                .option(ChannelOption.AUTO_READ, true));
    }
}
