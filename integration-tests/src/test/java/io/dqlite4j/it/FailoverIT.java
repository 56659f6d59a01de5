package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.QueryResult;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader loss with the native client. Each test owns its cluster because it breaks nodes. */
@Timeout(180)
class FailoverIT {

    @Test
    void killMinusNineOfTheLeaderReconnectsToTheNewLeaderAndLosesNoCommittedRow() {
        try (LocalCluster cluster = LocalCluster.start(3);
             DqliteClient client = DqliteClient.connect(cluster.url("failover") + "?max_attempts=20").join()) {
            client.execute("CREATE TABLE f (id INTEGER PRIMARY KEY, v TEXT)").join();
            for (int i = 0; i < 50; i++) {
                client.execute("INSERT INTO f VALUES (?, ?)", (long) i, "before-" + i).join();
            }
            LocalNode oldLeader = cluster.leader();
            oldLeader.kill();

            long start = System.nanoTime();
            // The first request may be written to the dead leader's socket before the client sees
            // it close: the client cannot know whether it ran, so it reports it instead of
            // retrying. This insert is idempotent, so the application may retry it.
            int inDoubt = 0;
            while (true) {
                try {
                    client.execute("INSERT OR IGNORE INTO f VALUES (?, ?)", 50L, "after").join();
                    break;
                } catch (java.util.concurrent.CompletionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(DqliteConnectionException.class,
                            dce -> assertThat(dce.sentBeforeFailure()).isTrue());
                    assertThat(++inDoubt).as("only a request sent before the loss was noticed is in doubt").isEqualTo(1);
                }
            }
            Duration reconnect = Duration.ofNanos(System.nanoTime() - start);

            LocalNode newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            assertThat(newLeader).isNotSameAs(oldLeader);
            assertThat(client.lastKnownLeader().toString()).isEqualTo(newLeader.address());
            // The budget: max_attempts=20 rounds of capped backoff, well under the test timeout.
            assertThat(reconnect).isLessThan(Duration.ofSeconds(30));

            QueryResult r = client.query("SELECT count(*), min(id), max(id) FROM f").join();
            assertThat(r.rows().get(0)).containsExactly(51L, 0L, 50L);
        }
    }
}
