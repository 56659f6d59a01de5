package io.dqlite4j.examples;

import static io.dqlite4j.examples.db.Tables.MEMBER;

import io.dqlite4j.jooq.DqliteInDoubtException;
import io.dqlite4j.jooq.DqliteTransactions;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Kills the leader of the local cluster in the middle of a stream of writes and keeps writing.
 *
 * <p>Each write is one transaction run through {@link DqliteTransactions#retrying}: while the
 * cluster elects a new leader (about 2 s), attempts fail with lost-connection errors and the
 * helper runs the whole transaction again after a backoff. A write whose COMMIT was in flight
 * when the leader died surfaces as {@link DqliteInDoubtException}, which is never retried
 * blindly: the demo reads the member's unique e-mail back and writes again only if it is absent.
 */
final class FailoverDemo {
    private static final int WRITES = 20;
    private static final int KILL_AFTER = 5;
    /** Enough attempts to outlast an election: up to 30 attempts with backoff capped at 1 s. */
    private static final int MAX_ATTEMPTS = 30;

    /** A write slower than this is reported. */
    private static final long SLOW_NANOS = Duration.ofMillis(500).toNanos();

    private final LocalCluster cluster;
    private final DSLContext ctx;
    private final BiConsumer<String, String> say;

    FailoverDemo(LocalCluster cluster, DSLContext ctx, BiConsumer<String, String> say) {
        this.cluster = cluster;
        this.ctx = ctx;
        this.say = say;
    }

    /** Runs the demo and returns its one-line summary. */
    String run() {
        LocalNode leader = cluster.leader();
        say.accept("failover", "leader is " + leader.name() + " at " + leader.address() + "; writing " + WRITES
                + " members, killing the leader after " + KILL_AFTER);
        int retried = 0;
        int ambiguous = 0;
        long killedAt = 0;
        long firstWriteAfterKill = 0;
        for (int i = 1; i <= WRITES; i++) {
            if (i == KILL_AFTER + 1) {
                leader.kill();
                killedAt = System.nanoTime();
                say.accept("failover", "killed " + leader.name() + " (kill -9) at " + leader.address());
            }
            String email = "failover-" + i + "@example.org";
            int[] attempts = {0};
            long t0 = System.nanoTime();
            try {
                write(i, email, attempts);
            } catch (DqliteInDoubtException e) {
                ambiguous++;
                boolean applied = ctx.fetchExists(MEMBER, MEMBER.EMAIL.eq(email));
                say.accept("failover", "write " + i + ": commit outcome unknown (" + LibraryApp.rootMessage(e)
                        + "); read back: " + (applied ? "it was applied" : "it was not applied, writing again"));
                if (!applied) {
                    write(i, email, attempts);
                }
            }
            if (attempts[0] > 1) {
                retried++;
                say.accept("failover", "write " + i + " committed after " + attempts[0] + " attempts of retrying ("
                        + LibraryApp.secs(t0) + " s)");
            } else if (System.nanoTime() - t0 > SLOW_NANOS) {
                // The driver itself re-discovers the leader and re-sends a request that never reached it.
                say.accept("failover", "write " + i + " committed in 1 attempt after " + LibraryApp.secs(t0)
                        + " s: the driver found the new leader itself");
            }
            if (killedAt != 0 && firstWriteAfterKill == 0) {
                firstWriteAfterKill = System.nanoTime();
            }
        }
        LocalNode newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        int committed = ctx.fetchCount(MEMBER, MEMBER.EMAIL.like("failover-%"));
        String recovered = String.format(Locale.ROOT, "%.1f", (firstWriteAfterKill - killedAt) / 1e9);
        say.accept("failover", "new leader is " + newLeader.name() + " at " + newLeader.address()
                + "; first write after the kill committed " + recovered + " s after it");
        if (committed != WRITES) {
            throw new IllegalStateException("failover demo: expected " + WRITES + " committed writes, found " + committed);
        }
        return "leader " + leader.address() + " killed, new leader " + newLeader.address() + "; " + committed + "/"
                + WRITES + " writes committed (" + retried + " retried, " + ambiguous + " ambiguous), writes resumed after "
                + recovered + " s";
    }

    private void write(int i, String email, int[] attempts) {
        DqliteTransactions.retrying(ctx, MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(1), cfg -> {
            attempts[0]++;
            return DSL.using(cfg).newRecord(MEMBER).setName("Failover writer " + i).setEmail(email).store();
        });
    }
}
