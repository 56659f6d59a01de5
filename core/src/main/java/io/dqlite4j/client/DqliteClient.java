package io.dqlite4j.client;

import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** STUB: signatures fixed, implementation in progress. */
public final class DqliteClient implements AutoCloseable {
    private DqliteClient() {
    }

    /** Connects to the cluster named by a {@code dqlite://host:port[,host:port]/db?params} URL. */
    public static CompletableFuture<DqliteClient> connect(String url) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The current leader, confirmed. */
    public CompletableFuture<NodeInfo> leader() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The cluster's members with their roles, as the leader reports them. */
    public CompletableFuture<List<NodeInfo>> cluster() {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> addNode(long id, String address, NodeRole role) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> assignRole(long id, NodeRole role) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> removeNode(long id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Asks the leader to hand leadership to {@code id} (0: let Raft choose); completes once moved. */
    public CompletableFuture<Void> transferLeadership(long id) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<NodeMetadata> describe(String address) {
        throw new UnsupportedOperationException("not yet");
    }

    public CompletableFuture<Void> setWeight(String address, long weight) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The database's files (main file and WAL) by file name. */
    public CompletableFuture<Map<String, byte[]>> dump(String database) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
