package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.Params;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A write the native client abandons because the node stayed silent is in doubt, on a real node:
 * the request had reached the node's socket, and whether it ran is decided only when the node runs
 * again. A read abandoned the same way is not in doubt.
 */
@Timeout(120)
class NativeInDoubtIT {

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got a result");
    }

    @Test
    void writeAbandonedByTheTimeoutIsInDoubtAndWasAppliedOrNot() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1);
             DqliteClient client = DqliteClient.connect(cluster.url("doubt") + "?timeout=0.5&max_attempts=2")
                     .get(30, TimeUnit.SECONDS)) {
            client.execute("CREATE TABLE d (v INTEGER)").get(10, TimeUnit.SECONDS);
            LocalNode node = cluster.node(0);
            node.pause();
            Throwable t;
            try {
                t = failureOf(client.execute("INSERT INTO d VALUES (1)"));
            } finally {
                node.resume();
            }
            assertThat(t).isInstanceOf(DqliteInDoubtException.class).hasMessageContaining("may or may not");
            cluster.awaitLeader(java.time.Duration.ofSeconds(30));
            long rows = (Long) client.query("SELECT count(*) FROM d").get(30, TimeUnit.SECONDS).rows().get(0).get(0);
            System.out.println(cluster.server() + ": the abandoned write was " + (rows == 1 ? "applied" : "not applied"));
            assertThat(rows).as("applied once or not at all").isBetween(0L, 1L);
        }
    }

    @Test
    void writeAbandonedByTheCallerIsInDoubtOnTheConnection() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1);
             DqliteClient client = DqliteClient.connect(cluster.url("abandon")).get(30, TimeUnit.SECONDS);
             DqliteConnection conn = client.openConnection().get(30, TimeUnit.SECONDS)) {
            conn.execSql("CREATE TABLE a (v INTEGER)", Params.NONE).get(10, TimeUnit.SECONDS);
            LocalNode node = cluster.node(0);
            node.pause();
            CompletableFuture<?> write;
            try {
                write = conn.execSql("INSERT INTO a VALUES (1)", Params.NONE);
                Thread.sleep(200); // the caller's own deadline, far shorter than timeout
                conn.abandon();
            } finally {
                node.resume();
            }
            Throwable t = failureOf(write);
            assertThat(t).isInstanceOf(DqliteConnectionException.class);
            assertThat(((DqliteConnectionException) t).sentBeforeFailure()).as("it was sent").isTrue();
            assertThat(conn.isClosed()).isTrue();
            assertThat(client.lastKnownLeader()).as("the silent node is no longer the known leader").isNull();
        }
    }
}
