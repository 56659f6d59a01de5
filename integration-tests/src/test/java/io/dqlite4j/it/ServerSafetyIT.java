package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.UnsupportedSqlException;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.wire.Params;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The requests that crash or wedge a dqlite node (docs/protocol.md §9.8) tried through the public API:
 * each is refused or made harmless before it reaches the wire, and every node stays up.
 */
@DqliteCluster(nodes = 1)
@Timeout(60)
class ServerSafetyIT {

    private static void assertNodeServes(LocalCluster cluster, DqliteClient client) {
        for (LocalNode n : cluster.nodes()) {
            assertThat(n.isRunning()).as(n + " is running").isTrue();
        }
        client.execute("INSERT INTO safety VALUES (?)", "still writable").join();
        assertThat(client.query("SELECT count(*) FROM safety").join().rows().get(0).get(0)).isInstanceOf(Long.class);
    }

    @Test
    void freedStatementIdsAreNeverSentAgain(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("safety1")).join();
             DqliteConnection conn = client.openConnection().join()) {
            client.execute("CREATE TABLE safety (v TEXT)").join();
            PreparedStatementHandle a = conn.prepare("SELECT 1").join();
            PreparedStatementHandle b = conn.prepare("SELECT 2").join(); // keeps a's slot inside the server table
            conn.finalizeStatement(a).join();
            long sent = conn.requestsSent();
            conn.finalizeStatement(a).join(); // second FINALIZE: nothing is sent
            assertThat(conn.requestsSent()).isEqualTo(sent);
            assertThatThrownBy(() -> conn.exec(a, Params.NONE)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> conn.query(a, Params.NONE)).isInstanceOf(IllegalStateException.class);
            assertThat(conn.requestsSent()).isEqualTo(sent);
            conn.finalizeStatement(b).join();
            assertNodeServes(cluster, client);
        }
    }

    @Test
    void dmlWithReturningIsRefusedBeforeSending(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("safety2")).join();
             DqliteConnection conn = client.openConnection().join()) {
            client.execute("CREATE TABLE safety (v TEXT)").join();
            long sent = conn.requestsSent();
            assertThatThrownBy(() -> conn.querySql("INSERT INTO safety VALUES ('x') RETURNING v", Params.NONE))
                    .isInstanceOf(UnsupportedSqlException.class);
            assertThatThrownBy(() -> conn.execSql("update safety set v = 'y' returning *", Params.NONE))
                    .isInstanceOf(UnsupportedSqlException.class);
            assertThatThrownBy(() -> conn.prepare("DELETE FROM safety RETURNING v"))
                    .isInstanceOf(UnsupportedSqlException.class);
            assertThat(conn.requestsSent()).isEqualTo(sent);
            // The word inside a literal is fine.
            conn.execSql("INSERT INTO safety VALUES ('returning')", Params.NONE).join();
            assertNodeServes(cluster, client);
        }
    }

    @Test
    void textWithNulIsRefusedAndDescribeIsAlwaysFormatZero(LocalCluster cluster) {
        try (DqliteClient client = DqliteClient.connect(cluster.url("safety3")).join()) {
            client.execute("CREATE TABLE safety (v TEXT)").join();
            assertThatThrownBy(() -> client.execute("INSERT INTO safety VALUES (?)", "a\0b"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
            // DESCRIBE with a non-zero format aborts 1.11.1; the API has no way to ask for one.
            assertThat(client.describe(cluster.node(0).address()).join().weight()).isNotNegative();
            client.execute("INSERT INTO safety VALUES (?)", List.of("x").get(0)).join();
            assertNodeServes(cluster, client);
        }
    }
}
